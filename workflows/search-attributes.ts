import { defineSearchAttributeKey } from '@temporalio/common';

/** Visible in the Temporal UI and `temporal workflow list --query`; dashboards read PostgreSQL. */
export const accreditationStatusKey = defineSearchAttributeKey('AccreditationStatus', 'KEYWORD');
export const organisationNameKey = defineSearchAttributeKey('OrganisationName', 'KEYWORD');

export const searchAttributeKeys = [accreditationStatusKey, organisationNameKey];
