import { signIn as signInThroughForm } from "../../tests/support/server-process";

/** A signed-in client of the production server: cookies (session and CSRF) and the CSRF token. */
export interface Client {
  cookie: string;
  csrf: string;
}

/** Signs in through the login form, as the tests do. */
export const signIn: (base: string, email: string, password: string) => Promise<Client> = signInThroughForm;

/** Reads a page as the client would, failing loudly on anything but 200. */
export async function getPage(base: string, client: Client, path: string) {
  const res = await fetch(`${base}${path}`, { headers: { cookie: client.cookie } });
  if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}`);
  return { res, html: await res.text() };
}

/** `app` phase of the Server-Timing header: loaders and actions, queries included, before the render. */
export function serverTiming(res: Response) {
  const header = res.headers.get("server-timing") ?? "";
  const part = (name: string) => Number(new RegExp(`${name};dur=([\\d.]+)`).exec(header)?.[1] ?? NaN);
  return { db: part("db"), app: part("app"), render: part("render") };
}
