/**
 * The retention period of ended cases (issue 22 item 6): a case that ended (refused, withdrawn,
 * expired) has its documents deleted and its organisation's name erased once the period has run,
 * counted like §257(5) HGB from the end of the calendar year in which the case ended.
 */

/** What an erased organisation's name reads as wherever the engine shows it, the public register too. */
export const erasedOrganisationName = 'Nach Ablauf der Aufbewahrungsfrist gelöscht';
/** What a closed complaint's free texts read as after the retention period (db/complaint-retention.ts). */
export const erasedComplaintText = erasedOrganisationName;
/**
 * The event erasing a closed complaint's free texts: not one of the complaint workflow's
 * (domain/complaint), whose run has long ended; only the complaints projection folds it.
 */
export const complaintDataErasedType = 'ComplaintDataErased';

/** What it reads as once erased on the organisation's request (Art. 17 DSGVO). */
export const erasedOnRequestName = 'Auf Antrag gelöscht';
/** Every name an erased organisation reads as: such cases and organisations are erased already. */
export const erasedOrganisationNames: readonly string[] = [erasedOrganisationName, erasedOnRequestName];

/** The name a `CaseDataErased` event puts in the organisation's place. */
export const erasedNameOf = (erasure: { onRequest?: true }) =>
  erasure.onRequest ? erasedOnRequestName : erasedOrganisationName;

/**
 * Six years: ISO/IEC 17021-1 §8.4 asks for the records of the current cycle and the one before
 * (two cycles of three years), and §257 HGB keeps business letters six years.
 */
export const defaultRetentionYears = 6;

/**
 * A case that ended before the returned instant has passed its retention period at `now`: the
 * start (Europe/Berlin, always CET on 1 January) of the year `years` before `now`'s year. A case
 * ended in 2019 is erased from 1 January 2026 on, with six years.
 */
export function retentionCutoff(now: Date, years: number): Date {
  const year = Number(
    new Intl.DateTimeFormat('en', { timeZone: 'Europe/Berlin', year: 'numeric' }).format(now),
  );
  return new Date(Date.UTC(year - years, 0, 1) - 3_600_000);
}
