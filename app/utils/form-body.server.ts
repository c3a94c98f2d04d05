import { t } from "~/i18n";

/**
 * The one reader of submitted forms. Whatever a body looks like, it is refused before anything is built from it
 * when it is too large, has too many fields, or has a field name outside the grammar our forms use, so a request
 * costs a small, fixed amount of CPU and memory (docs/decisions/0074-bounded-forms.md). Refusals are thrown.
 */
export const FORM_LIMITS = {
  /** Bytes read from the body, whatever its framing; server.ts reads no more than this either. */
  bytes: 1_000_000,
  /** The plan form is the largest: 200 lines and blank rows of six fields each. */
  fields: 2_000,
  nameLength: 100,
  /** Items in any list (`lines[199].amount`); a schema may allow fewer. */
  listItems: 250,
} as const;

export interface FormRefusal {
  reason: "form-too-large" | "form-type" | "form-field" | "form-unreadable";
  /** The offending field's name (shortened), when one field is to blame. */
  field?: string;
  message: string;
}

/**
 * A JSON Response rather than Remix's `data()`: a page's error boundary reads it all the same, and a resource
 * route (logout, context) sends it as it is instead of "Unexpected Server Error".
 */
function refuse(status: 400 | 413 | 415, reason: FormRefusal["reason"], message: string, field?: string): never {
  throw Response.json({ reason, message, ...(field === undefined ? {} : { field: shorten(field) }) } satisfies FormRefusal, { status });
}

function shorten(name: string) {
  return name.length > 60 ? `${name.slice(0, 60)}…` : name;
}

const FORBIDDEN_SEGMENTS = new Set(["__proto__", "constructor", "prototype"]);
// A key, then keys after dots and list indexes in brackets: the only names conform reads unambiguously.
const SEGMENT = /([A-Za-z_][A-Za-z0-9_-]*)|\[(0|[1-9][0-9]{0,5})\]/y;

type Segment = string | number;

/** The path of a field name, or a reason to refuse it. */
function parseName(name: string): Segment[] | string {
  if (name.length === 0) return t("forms.refused.emptyName");
  if (name.length > FORM_LIMITS.nameLength) return t("forms.refused.nameTooLong", { max: FORM_LIMITS.nameLength });
  const segments: Segment[] = [];
  let at = 0;
  while (at < name.length) {
    const dotted = segments.length > 0 && name[at] === ".";
    if (dotted) at++;
    SEGMENT.lastIndex = at;
    const match = SEGMENT.exec(name);
    if (!match) return t("forms.refused.badName");
    if (match[1] !== undefined) {
      // After the first key, a key comes only after a dot.
      if ((segments.length > 0 && !dotted) || FORBIDDEN_SEGMENTS.has(match[1])) return t("forms.refused.badName");
      segments.push(match[1]);
    } else {
      if (segments.length === 0 || dotted) return t("forms.refused.badName");
      const index = Number(match[2]);
      if (index >= FORM_LIMITS.listItems) return t("forms.refused.listTooLong", { max: FORM_LIMITS.listItems });
      segments.push(index);
    }
    at = SEGMENT.lastIndex;
  }
  return segments;
}

async function readBytes(request: Request): Promise<Uint8Array> {
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > FORM_LIMITS.bytes) refuse(413, "form-too-large", t("forms.refused.tooLarge"));
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    let next: ReadableStreamReadResult<Uint8Array>;
    try {
      next = await reader.read();
    } catch {
      refuse(400, "form-unreadable", t("forms.refused.unreadable"));
    }
    if (next.done) break;
    total += next.value.byteLength;
    // Counted as it arrives: a chunked body declares no length, and a declared one may lie.
    if (total > FORM_LIMITS.bytes) {
      void reader.cancel().catch(() => {});
      refuse(413, "form-too-large", t("forms.refused.tooLarge"));
    }
    chunks.push(next.value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    bytes.set(c, offset);
    offset += c.byteLength;
  }
  return bytes;
}

function countFields(text: string) {
  let n = text.length ? 1 : 0;
  for (let i = text.indexOf("&"); i !== -1; i = text.indexOf("&", i + 1)) n++;
  return n;
}

/**
 * Reads a urlencoded form within FORM_LIMITS. Names must follow `key(.key|[index])*`, no key may be `__proto__`,
 * `constructor` or `prototype`, a name may not be both a value and a group, and every list's indexes run 0, 1, 2…
 * without gaps. Refusals are Remix responses (400, 413, 415) that name the field to blame. NUL characters, which
 * PostgreSQL text cannot hold, are dropped from every value.
 */
export async function readBoundedForm(request: Request): Promise<FormData> {
  const type = (request.headers.get("content-type") ?? "").split(";", 1)[0].trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded") {
    // Nothing is read: no form here takes files or any other encoding.
    refuse(415, "form-type", type === "multipart/form-data" ? t("forms.refused.multipart") : t("forms.refused.type"));
  }
  const text = new TextDecoder().decode(await readBytes(request));
  if (countFields(text) > FORM_LIMITS.fields) refuse(413, "form-too-large", t("forms.refused.tooManyFields", { max: FORM_LIMITS.fields }));

  const form = new FormData();
  // What each path prefix is ("value", "group" or "list"), and each list's indexes.
  const kinds = new Map<string, "value" | "group" | "list">();
  const lists = new Map<string, Set<number>>();
  for (const [name, value] of new URLSearchParams(text)) {
    const path = parseName(name);
    if (typeof path === "string") refuse(400, "form-field", path, name);
    let prefix = "";
    for (let i = 0; i < path.length; i++) {
      const segment = path[i];
      const key = typeof segment === "number" ? `${prefix}[${segment}]` : prefix ? `${prefix}.${segment}` : segment;
      if (typeof segment === "number") lists.get(prefix)!.add(segment);
      const kind = i === path.length - 1 ? "value" : typeof path[i + 1] === "number" ? "list" : "group";
      const known = kinds.get(key);
      if (known && known !== kind) refuse(400, "form-field", t("forms.refused.shape"), name);
      if (!known) {
        kinds.set(key, kind);
        if (kind === "list") lists.set(key, new Set());
      }
      prefix = key;
    }
    form.append(name, value.includes("\u0000") ? value.replaceAll("\u0000", "") : value);
  }
  for (const [list, indexes] of lists) {
    // Dense: a list of n items uses the indexes 0 to n-1, so its length is bounded by the fields sent.
    for (let i = 0; i < indexes.size; i++) if (!indexes.has(i)) refuse(400, "form-field", t("forms.refused.gap"), `${list}[${i}]`);
  }
  return form;
}
