import { describe, expect, it } from "vitest";
import { parseWithZod } from "@conform-to/zod";
import { PlanSchema } from "./grant-schemas";
import { FORM_LIMITS, readBoundedForm, type FormRefusal } from "./form-body.server";

const URLENCODED = "application/x-www-form-urlencoded";

function request(body: BodyInit | null, type: string | null = URLENCODED, headers: Record<string, string> = {}) {
  return new Request("http://localhost/x", {
    method: "POST",
    headers: { ...(type ? { "content-type": type } : {}), ...headers },
    body,
    // A stream body needs it; types of this Node version do not list it.
    ...{ duplex: "half" },
  });
}

async function refusal(req: Request): Promise<{ status: number; data: FormRefusal }> {
  try {
    await readBoundedForm(req);
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, data: (await thrown.json()) as FormRefusal };
    throw thrown;
  }
  throw new Error("the form was accepted");
}

/** A body that arrives in chunks with no declared length, counting what the reader pulled. */
function chunked(chunk: string, count: number) {
  const bytes = new TextEncoder().encode(chunk);
  const pulled = { chunks: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled.chunks === count) return controller.close();
      pulled.chunks++;
      controller.enqueue(bytes);
    },
  });
  return { stream, pulled };
}

describe("readBoundedForm accepts the forms the app renders", () => {
  it("reads plain fields, repeated keys and dense lists", async () => {
    const body = new URLSearchParams([
      ["csrf", "x"],
      ["attended", "a"],
      ["attended", "b"],
      ["lines[0].amount", "10"],
      ["lines[1].amount", "20"],
      ["lines[0].pillar", "workload"],
      ["__intent__", "{}"],
    ]);
    const form = await readBoundedForm(request(body));
    expect(form.getAll("attended")).toEqual(["a", "b"]);
    expect(form.get("lines[1].amount")).toBe("20");
  });

  it("reads the largest plan form: two hundred lines and the blank rows, six fields each", async () => {
    const body = new URLSearchParams({ csrf: "x", version: "3" });
    for (let i = 0; i < 203; i++) for (const f of ["pillar", "purpose", "description", "amount", "practice", "remove"]) body.append(`lines[${i}].${f}`, "1");
    const form = await readBoundedForm(request(body, `${URLENCODED};charset=UTF-8`));
    expect([...form.keys()]).toHaveLength(2 + 203 * 6);
  });

  it("drops NUL characters from values", async () => {
    const form = await readBoundedForm(request("title=a%00b"));
    expect(form.get("title")).toBe("ab");
  });
});

describe("readBoundedForm refuses, naming the field, before building anything", () => {
  it("refuses a list index beyond the largest list, however short the body", async () => {
    const answer = await refusal(request("csrf=x&version=0&lines[100000].amount=1"));
    expect(answer.status).toBe(400);
    expect(answer.data).toMatchObject({ reason: "form-field", field: "lines[100000].amount" });
    expect((await refusal(request(`lines[${FORM_LIMITS.listItems}].amount=1`))).data.field).toBe(`lines[${FORM_LIMITS.listItems}].amount`);
  });

  it("refuses a sparse list: indexes run from 0 without gaps", async () => {
    const answer = await refusal(request("lines[0].amount=1&lines[199].amount=1"));
    expect(answer.status).toBe(400);
    expect(answer.data.field).toBe("lines[1]");
    expect((await refusal(request("lines[3].amount=1"))).data.field).toBe("lines[0]");
  });

  it("never lets a schema see more items than the list limit", async () => {
    // The bound holds for any schema: the reader refuses before conform or zod build the array.
    const body = `version=0&lines[${FORM_LIMITS.listItems - 1}].amount=1`;
    await expect(readBoundedForm(request(body))).rejects.toBeDefined();
    const form = await readBoundedForm(request("version=0&lines[0].amount=1&lines[0].pillar=workload"));
    expect(parseWithZod(form, { schema: PlanSchema }).status).toBe("success");
  });

  it.each(["__proto__", "__proto__.polluted", "a.__proto__", "a[0].constructor", "constructor.prototype", "lines[0].prototype", "%5F%5Fproto%5F%5F.x"])(
    "refuses the prototype name %s",
    async (name) => {
      const answer = await refusal(request(`${name}=1`));
      expect(answer.status).toBe(400);
      expect(answer.data.field).toBe(decodeURIComponent(name));
    },
  );

  it.each(["a..b", "a.", ".a", "[0]", "a[01]", "a[]", "a.[0]", "a[0]b", "a b", "a[x]", "a]", "lines[1234567].x", "é", "a\u0000"])(
    "refuses the malformed name %j",
    async (name) => {
      const answer = await refusal(request(new URLSearchParams([[name, "1"]])));
      expect(answer.status).toBe(400);
      expect(answer.data.field).toBe(name);
    },
  );

  it("refuses an empty or overlong name", async () => {
    expect((await refusal(request("=1"))).status).toBe(400);
    const long = "a".repeat(FORM_LIMITS.nameLength + 1);
    const answer = await refusal(request(`${long}=1`));
    expect(answer.status).toBe(400);
    expect(answer.data.field).toBe(`${long.slice(0, 60)}…`);
    await expect(readBoundedForm(request(`${"a".repeat(FORM_LIMITS.nameLength)}=1`))).resolves.toBeInstanceOf(FormData);
  });

  it("refuses a name used both as a value and as a group or list", async () => {
    for (const body of ["a=1&a.b=2", "a.b=2&a=1", "a[0]=1&a.b=2", "lines[0]=1&lines[0].amount=2"]) {
      const answer = await refusal(request(body));
      expect(answer.status, body).toBe(400);
      expect(answer.data.reason).toBe("form-field");
    }
  });

  it("refuses more fields than any form has", async () => {
    const answer = await refusal(request("a=1&".repeat(FORM_LIMITS.fields) + "a=1"));
    expect(answer.status).toBe(413);
    await expect(readBoundedForm(request("a=1&".repeat(FORM_LIMITS.fields - 1) + "a=1"))).resolves.toBeInstanceOf(FormData);
  });

  it("refuses a declared length over the limit without reading the body", async () => {
    const { stream, pulled } = chunked("a=1&", 10);
    const answer = await refusal(request(stream, URLENCODED, { "content-length": String(FORM_LIMITS.bytes + 1) }));
    expect(answer.status).toBe(413);
    expect(pulled.chunks).toBeLessThanOrEqual(1);
  });

  it("stops reading a chunked body once it passes the limit", async () => {
    const chunk = `t=${"x".repeat(65_534)}&`;
    const { stream, pulled } = chunked(chunk, 200); // 13 MB offered
    const answer = await refusal(request(stream));
    expect(answer.status).toBe(413);
    expect(answer.data.reason).toBe("form-too-large");
    expect(pulled.chunks * chunk.length).toBeLessThan(FORM_LIMITS.bytes + 3 * chunk.length);
  });

  it("refuses files and other encodings without reading them", async () => {
    const multipart = new FormData();
    multipart.set("csrf", "x");
    const upload = new Request("http://localhost/x", { method: "POST", body: multipart });
    const answer = await refusal(upload);
    expect(answer.status).toBe(415);
    expect(answer.data.message).toMatch(/files/);
    const { stream, pulled } = chunked("{}", 1);
    expect((await refusal(request(stream, "application/json"))).status).toBe(415);
    expect(pulled.chunks).toBeLessThanOrEqual(1);
    expect((await refusal(request("a=1", null))).status).toBe(415);
  });
});
