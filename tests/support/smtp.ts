import { SMTPServer } from "smtp-server";
import { simpleParser, type ParsedMail } from "mailparser";
import type { AddressInfo } from "node:net";

/** A real SMTP listener on loopback that keeps every message it receives (optionally acknowledging each after `delayMs`). */
export async function startSmtpListener(onMessage?: (mail: ParsedMail, raw: string) => void, delayMs = 0) {
  const messages: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        simpleParser(raw)
          .then((mail) => {
            messages.push(mail);
            onMessage?.(mail, raw);
            // A slow server, when asked for: the message is kept but acknowledged late.
            if (delayMs > 0) setTimeout(() => callback(), delayMs);
            else callback();
          })
          // A message that cannot be parsed, or a listener that throws, is refused to the sender, not lost silently.
          .catch((e: unknown) => callback(e instanceof Error ? e : new Error(String(e))));
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
