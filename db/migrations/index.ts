import type { Migration } from "kysely";
import * as m0001 from "./0001_accounts";
import * as m0002 from "./0002_memberships";
import * as m0003 from "./0003_sessions";
import * as m0004 from "./0004_invitations";
import * as m0005 from "./0005_outbox";
import * as m0006 from "./0006_audit";
import * as m0020 from "./0020_continuum_assessment";
import * as m0021 from "./0021_continuum_share";
import * as m0022 from "./0022_foundation_self_assessment";
import * as m0023 from "./0023_continuum_staff_contribution";
import * as m0030 from "./0030_practices";
import * as m0031 from "./0031_foundation_resources";
import * as m0032 from "./0032_cohorts";
import * as m0033 from "./0033_cohort_sessions";
import * as m0034 from "./0034_cohort_resources_discussion";
import * as m0035 from "./0035_learning_email";
import * as m0040 from "./0040_plan_line_practice";
import * as m0007 from "./0007_grant_lines";
import * as m0008 from "./0008_grants";
import * as m0009 from "./0009_plan_lines";
import * as m0010 from "./0010_grant_comments";
import * as m0060 from "./0060_row_level_security";
import * as m0062 from "./0062_portfolio_version";
import * as m0063 from "./0063_outbox_list_unsubscribe";
import * as m0061 from "./0061_rate_limit_table";
import * as m0050 from "./0050_grant_planned_total";
import * as m0066 from "./0066_practice_evidence";
import * as m0067 from "./0067_merge_advocacy_practice";
import * as m0068 from "./0068_session_sequence";

/** Append-only: add a new file and a line here; never edit one that has shipped. */
export const migrations: Record<string, Migration> = {
  "0001_accounts": m0001,
  "0002_memberships": m0002,
  "0003_sessions": m0003,
  "0004_invitations": m0004,
  "0005_outbox": m0005,
  "0006_audit": m0006,
  "0020_continuum_assessment": m0020,
  "0021_continuum_share": m0021,
  "0022_foundation_self_assessment": m0022,
  "0023_continuum_staff_contribution": m0023,
  "0030_practices": m0030,
  "0031_foundation_resources": m0031,
  "0032_cohorts": m0032,
  "0033_cohort_sessions": m0033,
  "0034_cohort_resources_discussion": m0034,
  "0035_learning_email": m0035,
  "0040_plan_line_practice": m0040,
  "0007_grant_lines": m0007,
  "0008_grants": m0008,
  "0009_plan_lines": m0009,
  "0010_grant_comments": m0010,
  "0050_grant_planned_total": m0050,
  "0060_row_level_security": m0060,
  "0061_rate_limit_table": m0061,
  "0062_portfolio_version": m0062,
  "0063_outbox_list_unsubscribe": m0063,
  "0066_practice_evidence": m0066,
  "0067_merge_advocacy_practice": m0067,
  "0068_session_sequence": m0068,
};
