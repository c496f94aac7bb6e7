import { findCatalogue } from './catalogue';
import { type Policy, periodsBeyondLimits } from './policy';

export interface OpeningIssue {
  /** The field of the opening's data, e.g. `['policy', 'certificateValidity']`. */
  path: string[];
  code: 'unknown_edition' | 'policy_beyond_limits' | 'unknown_technical_area' | 'technical_areas_missing';
  message: string;
}

/**
 * What is wrong with the terms a case is to be opened on: the policy's periods beyond the edition's
 * limits, technical areas the edition does not list, none named where the policy requires auditors'
 * competence in them. Checked by the API (422 naming the field) and by the decider.
 */
export function openingIssues(opening: {
  edition: string;
  policy?: Policy | undefined;
  technicalAreas?: string[] | undefined;
}): OpeningIssue[] {
  const catalogue = findCatalogue(opening.edition);
  if (!catalogue) {
    return [
      {
        path: ['edition'],
        code: 'unknown_edition',
        message: `There is no catalogue for edition ${opening.edition}`,
      },
    ];
  }
  const issues: OpeningIssue[] = [];
  if (opening.policy) {
    for (const { field, message } of periodsBeyondLimits(opening.policy, catalogue.policyLimits)) {
      issues.push({ path: ['policy', field], code: 'policy_beyond_limits', message });
    }
  }
  const areas = opening.technicalAreas ?? [];
  const known = catalogue.technicalAreas.map((area) => area.id);
  const unknown = areas.filter((area) => !known.includes(area));
  if (unknown.length > 0) {
    issues.push({
      path: ['technicalAreas'],
      code: 'unknown_technical_area',
      message: `Not a technical area of ${opening.edition}: ${unknown.join(', ')} (known: ${known.join(', ')})`,
    });
  }
  if (opening.policy?.requireAuditorCompetence && areas.length === 0) {
    issues.push({
      path: ['technicalAreas'],
      code: 'technical_areas_missing',
      message: 'The policy requires auditors competent in the case’s technical areas: name at least one',
    });
  }
  return issues;
}
