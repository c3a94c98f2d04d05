import type { ReactElement } from "react";
import type { DocumentProps } from "@react-pdf/renderer";
import { CohortBrief } from "./cohort";
import { FoundationBrief } from "./foundation";
import { OrganisationPlanBrief } from "./organisation-plan";
import type { BriefRequest } from "./types";

export type { BriefRequest } from "./types";

export function briefDocument(request: BriefRequest): ReactElement<DocumentProps> {
  switch (request.kind) {
    case "cohort":
      return <CohortBrief data={request} />;
    case "organisation-plan":
      return <OrganisationPlanBrief data={request} />;
    case "foundation":
      return <FoundationBrief data={request} />;
  }
}
