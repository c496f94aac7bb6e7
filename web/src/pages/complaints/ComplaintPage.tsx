import { Alert, Anchor, Group, Stack, Text, Timeline, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { $api } from '../../api/client';
import { asProblem } from '../../api/problem';
import { formatDate, formatMoment } from '../../app/format';
import { PageLoader } from '../../app/PageLoader';
import { usePageTitle } from '../../app/page-title';
import { useSession } from '../../auth/session';
import { ProblemAlert } from '../../forms/ProblemAlert';
import { currentLanguage } from '../../i18n';
import { CaseFollowUp } from './CaseFollowUp';
import { ComplaintSteps } from './ComplaintSteps';
import { type Complaint, usePeople } from './model';

function Facts({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <Stack component="dl" gap="xs" m={0}>
      {rows.map(([term, value]) => (
        <Group key={term} component="div" gap="xs" wrap="wrap" align="flex-start">
          <Text component="dt" fw={600} w="14rem">
            {term}
          </Text>
          <Text component="dd" m={0} style={{ flex: '1 1 16rem', overflowWrap: 'anywhere' }}>
            {value}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}

function useFacts(complaint: Complaint): [string, ReactNode][] {
  const { t } = useTranslation('complaints');
  const people = usePeople();
  const language = currentLanguage();
  const caseLink = complaint.accreditationId && (
    <Anchor component={Link} to={`/accreditations/${complaint.accreditationId}`}>
      {t('page.organisationCase')}
    </Anchor>
  );
  const rows: [string, ReactNode][] = [
    [t('page.status'), t(`status.${complaint.status}`)],
    [
      t('page.organisation'),
      <>
        {complaint.organisationName ?? t('list.unknownOrganisation')} {caseLink}
      </>,
    ],
    [t('page.certificate'), complaint.certificateNumber ?? '–'],
    [
      t('page.channel'),
      complaint.channel === 'staff' || complaint.channel === 'public'
        ? t(`page.channels.${complaint.channel}`)
        : complaint.channel,
    ],
    [t('page.complainant'), <Complainant key="complainant" complaint={complaint} />],
    [t('page.acknowledgeBy'), formatMoment(complaint.acknowledgeBy, language)],
    [
      t('page.investigator'),
      complaint.investigatorId
        ? (people.get(complaint.investigatorId) ?? complaint.investigatorId)
        : t('list.noInvestigator'),
    ],
  ];
  if (complaint.outcome) rows.push([t('page.outcome'), t(`page.outcomes.${complaint.outcome}`)]);
  if (complaint.reasons) rows.push([t('page.reasons'), complaint.reasons]);
  if (complaint.followUp) rows.push([t('page.followUp'), t(`page.followUps.${complaint.followUp}`)]);
  // Once the case shows what became of the follow-up, that says more than the complaint's own status.
  if (complaint.caseFollowUp) {
    rows.push([t('page.followUpStatus'), <CaseFollowUp key="case" followUp={complaint.caseFollowUp} />]);
  } else if (complaint.followUpStatus) {
    rows.push([
      t('page.followUpStatus'),
      t(`page.followUpStatuses.${complaint.followUpStatus}`, { defaultValue: complaint.followUpStatus }),
    ]);
  }
  return rows;
}

/** Staff see the complainant's name and address (until erased); administrators only the record's id. */
function Complainant({ complaint }: { complaint: Complaint }) {
  const { t } = useTranslation('complaints');
  const contact = complaint.complainant;
  if (!contact) {
    return (
      <>
        <code>{complaint.complainantId}</code>
        <Text size="sm" c="dimmed" component="span" display="block">
          {t('page.complainantHint')}
        </Text>
      </>
    );
  }
  return (
    <span data-complainant>
      <Text component="span" display="block">
        {contact.name}
      </Text>
      {contact.email && (
        <Anchor href={`mailto:${contact.email}`} display="block">
          {contact.email}
        </Anchor>
      )}
      {contact.erasedAt && (
        <Text size="sm" c="dimmed" component="span" display="block">
          {t('page.complainantErased', { date: formatDate(contact.erasedAt, currentLanguage()) })}
        </Text>
      )}
    </span>
  );
}

/** What happened to the complaint, in order, from the instants the API records. */
function History({ complaint }: { complaint: Complaint }) {
  const { t } = useTranslation('complaints');
  const language = currentLanguage();
  const entries = (
    [
      ['received', complaint.receivedAt],
      ['acknowledged', complaint.acknowledgedAt],
      ['missed', complaint.acknowledgementMissed ? complaint.acknowledgeBy : null],
      ['decided', complaint.decidedAt],
      ['answered', complaint.answeredAt],
      ['closed', complaint.closedAt],
    ] as const
  )
    .filter((entry): entry is readonly [(typeof entry)[0], string] => entry[1] !== null)
    .sort(([, a], [, b]) => a.localeCompare(b));
  return (
    <Stack gap="sm" component="section" aria-labelledby="complaint-history">
      <Title order={2} id="complaint-history">
        {t('page.history')}
      </Title>
      <Timeline bulletSize={14} lineWidth={2} active={entries.length - 1}>
        {entries.map(([event, at]) => (
          <Timeline.Item key={event} title={t(`page.events.${event}`)} data-event={event}>
            <Text size="sm">{formatMoment(at, language)}</Text>
          </Timeline.Item>
        ))}
      </Timeline>
    </Stack>
  );
}

function ComplaintView({ complaint }: { complaint: Complaint }) {
  const { t } = useTranslation('complaints');
  const user = useSession().data?.user;
  const facts = useFacts(complaint);
  return (
    <Stack gap="xl">
      <Title order={1}>
        {complaint.organisationName
          ? t('page.title', { organisation: complaint.organisationName })
          : t('page.titleUnknown')}
      </Title>
      {complaint.acknowledgementMissed && !complaint.acknowledgedAt && (
        <Alert color="red" variant="light">
          {t('page.missed')}
        </Alert>
      )}
      <Stack gap="sm" component="section" aria-labelledby="complaint-text">
        <Title order={2} id="complaint-text">
          {t('page.about')}
        </Title>
        <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} maw="70ch">
          {complaint.text}
        </Text>
      </Stack>
      <Stack gap="sm" component="section" aria-labelledby="complaint-facts">
        <Title order={2} id="complaint-facts">
          {t('page.facts')}
        </Title>
        <Facts rows={facts} />
        {complaint.followUp && complaint.followUp !== 'none' && complaint.accreditationId && (
          <Anchor component={Link} to={`/accreditations/${complaint.accreditationId}`}>
            {t('page.followUpCase')}
          </Anchor>
        )}
      </Stack>
      {user && <ComplaintSteps complaint={complaint} user={user} />}
      <History complaint={complaint} />
    </Stack>
  );
}

/** `/complaints/{id}` (admin, staff; the e-mails to staff link here): the complaint, its steps, its history. */
export function Component() {
  const { t } = useTranslation('complaints');
  const id = useParams().id ?? '';
  const complaint = $api.useQuery('get', '/complaints/{id}', { params: { path: { id } } });
  usePageTitle(
    complaint.data?.organisationName
      ? t('page.title', { organisation: complaint.data.organisationName })
      : t('page.loading'),
  );
  const problem = complaint.error ? asProblem(complaint.error) : null;
  return (
    <Stack gap="lg">
      {complaint.isPending && <PageLoader />}
      {problem && (
        <>
          <Title order={1}>{t('page.loading')}</Title>
          {problem.status === 404 ? (
            <Text role="status">{t('page.notFound')}</Text>
          ) : (
            <ProblemAlert problem={problem} />
          )}
        </>
      )}
      {complaint.data && <ComplaintView complaint={complaint.data} />}
      <Anchor component={Link} to="/complaints">
        {t('page.back')}
      </Anchor>
    </Stack>
  );
}
