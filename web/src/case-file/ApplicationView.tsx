import { List, Stack, Text, Title, type TitleOrder } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DocumentLinks } from './DocumentLinks';
import { Facts } from './Facts';
import { useCaseLookup } from './lookup';
import { useStamps } from './stamp';
import type { Procedure, Request } from './types';

type Order = { order: TitleOrder };

function ApplicationItems({ procedure }: { procedure: Procedure }) {
  const { t } = useTranslation('caseFile');
  const lookup = useCaseLookup();
  const { stamp } = useStamps();
  const { application, renewalApplication } = procedure;
  if (renewalApplication) {
    return (
      <Facts
        rows={[
          [t('application.submitted'), stamp(renewalApplication.at, renewalApplication.by)],
          [
            t('application.documents'),
            <DocumentLinks key="documents" ids={renewalApplication.documentIds} />,
          ],
        ]}
      />
    );
  }
  if (!application) return <Text>{t('application.notSubmitted')}</Text>;
  return (
    <Stack gap="xs">
      <Facts rows={[[t('application.submitted'), stamp(application.at, application.by)]]} />
      <Stack component="ol" gap="xs" pl="md" m={0}>
        {application.items.map((item) => (
          <li key={item.itemId}>
            <Text fw={600}>
              {item.itemId}: {lookup.entry(item.itemId)}
            </Text>
            {item.statement && (
              <Text size="sm">
                {t('application.statement')}: {item.statement}
              </Text>
            )}
            {item.documentIds.length > 0 && <DocumentLinks ids={item.documentIds} />}
          </li>
        ))}
      </Stack>
    </Stack>
  );
}

/** The Antrag (or renewal application) with its §5.1 items and the case manager's review. */
export function ApplicationView({ procedure, order }: { procedure: Procedure } & Order) {
  const { t } = useTranslation('caseFile');
  const { stamp } = useStamps();
  const { review } = procedure;
  return (
    <Stack gap="sm">
      <Title order={order}>
        {procedure.kind === 'renewal' ? t('application.renewalTitle') : t('application.title')}
      </Title>
      <ApplicationItems procedure={procedure} />
      {review && (
        <Facts
          rows={[
            [
              t('review.outcome'),
              review.outcome === 'accepted' ? t('review.accepted') : t('review.rejected'),
            ],
            [t('review.decided'), stamp(review.at, review.by)],
            review.reasons.length > 0 && [t('review.reasons'), review.reasons.join(' · ')],
          ]}
        />
      )}
    </Stack>
  );
}

function RequestView({ request, order }: { request: Request } & Order) {
  const { t } = useTranslation('caseFile');
  const { stamp, moment } = useStamps();
  const { answer } = request;
  return (
    <Stack gap={4} component="li" style={{ listStyle: 'none' }}>
      <Title order={order} size="h5">
        {request.kind === 'documents' ? t('requests.documents') : t('requests.information')}
      </Title>
      <Facts
        rows={[
          [t('requests.asked'), stamp(request.at, request.by)],
          [
            t('requests.items'),
            <List key="items" size="sm">
              {request.items.map((item) => (
                <List.Item key={item}>{item}</List.Item>
              ))}
            </List>,
          ],
          [t('requests.respondBy'), moment(request.respondBy)],
          answer && [t('requests.answered'), stamp(answer.at, answer.by)],
          answer && [t('requests.answer'), answer.text],
          answer &&
            answer.documentIds.length > 0 && [
              t('application.documents'),
              <DocumentLinks key="documents" ids={answer.documentIds} />,
            ],
          request.lapsedAt && [t('requests.lapsed'), moment(request.lapsedAt)],
        ]}
      />
      {!answer && !request.lapsedAt && <Text size="sm">{t('requests.unanswered')}</Text>}
      {request.extensions.map((extension) => (
        <Text key={extension.at} size="sm">
          {t('requests.extension', {
            from: moment(extension.previousDueAt),
            to: moment(extension.newDueAt),
            reason: extension.reason,
          })}
        </Text>
      ))}
    </Stack>
  );
}

/** Requests for information or documents, with their answers. */
export function RequestsView({ requests, order }: { requests: readonly Request[] } & Order) {
  const { t } = useTranslation('caseFile');
  if (requests.length === 0) return null;
  return (
    <Stack gap="sm">
      <Title order={order}>{t('requests.title')}</Title>
      <Stack component="ul" gap="md" p={0} m={0}>
        {requests.map((request) => (
          <RequestView key={request.requestId} request={request} order={(order + 1) as TitleOrder} />
        ))}
      </Stack>
    </Stack>
  );
}
