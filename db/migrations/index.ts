import type { Migration } from "kysely";
import * as m0001 from "./0001_accounts";
import * as m0002 from "./0002_memberships";
import * as m0003 from "./0003_sessions";
import * as m0004 from "./0004_invitations";
import * as m0005 from "./0005_outbox";
import * as m0006 from "./0006_audit";
import * as m0007 from "./0007_grant_lines";
import * as m0008 from "./0008_grants";
import * as m0009 from "./0009_plan_lines";
import * as m0010 from "./0010_grant_comments";

/** Append-only: add a new file and a line here; never edit one that has shipped. */
export const migrations: Record<string, Migration> = {
  "0001_accounts": m0001,
  "0002_memberships": m0002,
  "0003_sessions": m0003,
  "0004_invitations": m0004,
  "0005_outbox": m0005,
  "0006_audit": m0006,
  "0007_grant_lines": m0007,
  "0008_grants": m0008,
  "0009_plan_lines": m0009,
  "0010_grant_comments": m0010,
};
