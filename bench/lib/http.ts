/** A signed-in client of the production server: cookies (session and CSRF) and the CSRF token. */
export interface Client {
  cookie: string;
  csrf: string;
}

function cookiesFrom(res: Response): string[] {
  return res.headers.getSetCookie().map((c) => c.split(";")[0]!);
}

function mergeCookies(...lists: string[][]): string {
  const jar = new Map<string, string>();
  for (const c of lists.flat()) jar.set(c.split("=")[0]!, c);
  return [...jar.values()].join("; ");
}

export async function signIn(base: string, email: string, password: string): Promise<Client> {
  const page = await fetch(`${base}/login`);
  const html = await page.text();
  const csrf = /name="csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!csrf) throw new Error("no CSRF token on /login");
  const first = cookiesFrom(page);
  const res = await fetch(`${base}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: mergeCookies(first), origin: base },
    body: new URLSearchParams({ email, password, csrf, redirectTo: "/" }),
  });
  if (res.status !== 302) throw new Error(`login of ${email} answered ${res.status}`);
  return { cookie: mergeCookies(first, cookiesFrom(res)), csrf };
}

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
