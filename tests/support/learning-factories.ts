import type { Kysely } from "kysely";
import type { DB } from "#db/schema";
import { createCohort, getCohortAccess, inviteOrganisation, acceptCohortInvitation, addCohortMember, createSession } from "~/domain/cohorts.server";
import { addFoundationMember, addOrganisationMember, createFoundation, createOrganisation, createUser, fundOrganisation } from "./factories";

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
  const cohortId = await createCohort(db, {
    actorId: officer.id,
    foundationId: foundation.id,
    name: `Cohort ${foundation.name}`,
    purpose: "Learn about STS together",
    startsOn: "2030-01-01",
    endsOn: "2030-12-31",
    facilitatorIds: [],
  });
  const asOfficer = () => getCohortAccess(db, cohortId, officer.id).then((a) => a!);
  await inviteOrganisation(db, await asOfficer(), organisation.id, async () => {});
  const asDirector = () => getCohortAccess(db, cohortId, director.id).then((a) => a!);
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
    access: (userId: string) => getCohortAccess(db, cohortId, userId),
  };
}
