import type { Kysely } from "kysely";
import type { DB } from "#db/schema";
import { createCohort, getCohortAccess, inviteOrganisation, acceptCohortInvitation, addCohortMember, createSession } from "~/domain/cohorts.server";
import {
  addFoundationMember,
  addOrganisationMember,
  callerOf,
  createFoundation,
  createOrganisation,
  createUser,
  fundOrganisation,
  personCallerOf,
} from "./factories";

/** A person's part in a cohort, as the cohort pages get it (see getCohortAccess). */
export async function cohortAccessOf(db: Kysely<DB>, userId: string, cohortId: string) {
  return getCohortAccess(db, await personCallerOf(db, userId), cohortId);
}

/**
 * A foundation running one cohort with one funded organisation that accepted: an officer
 * (facilitator), a director and a staff member who takes part, plus one planned session.
 */
export async function createCohortWorld(db: Kysely<DB>, options: { sessionStartsAt?: Date; now?: Date } = {}) {
  const foundation = await createFoundation(db);
  const officer = await createUser(db, { name: "Olu Officer" });
  await addFoundationMember(db, officer.id, foundation.id, "program_officer");
  const organisation = await createOrganisation(db);
  await fundOrganisation(db, foundation.id, organisation.id);
  const director = await createUser(db, { name: "Dana Director" });
  await addOrganisationMember(db, director.id, organisation.id, "director");
  const staff = await createUser(db, { name: "Sam Staff" });
  await addOrganisationMember(db, staff.id, organisation.id, "staff");
  const cohortId = await createCohort(db, await callerOf(db, officer.id, foundation.id), {
    name: `Cohort ${foundation.name}`,
    purpose: "Learn about STS together",
    startsOn: "2030-01-01",
    endsOn: "2030-12-31",
    facilitatorIds: [],
  });
  const asOfficer = () => cohortAccessOf(db, officer.id, cohortId).then((a) => a!);
  await inviteOrganisation(db, await asOfficer(), organisation.id, async () => {});
  const asDirector = () => cohortAccessOf(db, director.id, cohortId).then((a) => a!);
  await acceptCohortInvitation(db, await asDirector(), organisation.id, options.now);
  await addCohortMember(db, await asDirector(), organisation.id, staff.id);
  const sessionId = await createSession(db, await asOfficer(), {
    title: "Naming STS",
    startsAt: options.sessionStartsAt ?? new Date("2030-03-02T15:00:00Z"),
    durationMinutes: 90,
    timeZone: "Europe/London",
    place: "Community hall",
    agenda: "Introductions",
  });
  return {
    foundation,
    officer,
    organisation,
    director,
    staff,
    cohortId,
    sessionId,
    access: (userId: string) => cohortAccessOf(db, userId, cohortId),
  };
}
