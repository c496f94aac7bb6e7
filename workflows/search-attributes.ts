import { defineSearchAttributeKey } from '@temporalio/common';

/** Visible in the Temporal UI and `temporal workflow list --query`; dashboards read PostgreSQL. */
export const accreditationStatusKey = defineSearchAttributeKey('AccreditationStatus', 'KEYWORD');
/** The organisation's id (rule set 5): the visibility store holds no name of anyone. */
export const organisationIdKey = defineSearchAttributeKey('OrganisationId', 'KEYWORD');
/** Set only by runs started before rule set 5; registered still so that they run and replay. */
export const organisationNameKey = defineSearchAttributeKey('OrganisationName', 'KEYWORD');

export const searchAttributeKeys = [accreditationStatusKey, organisationIdKey, organisationNameKey];
