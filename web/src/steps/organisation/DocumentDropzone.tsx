import '@mantine/dropzone/styles.css';
import { documentMediaTypes, maxDocumentBytes, mediaTypes } from '@domain/media-types';
import { ActionIcon, Alert, Button, Group, List, Progress, Stack, Text } from '@mantine/core';
import { Dropzone, type FileRejection } from '@mantine/dropzone';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatFileSize } from '../../app/format';
import { problemMessage } from '../../forms/problem-message';
import { currentLanguage } from '../../i18n';
import type { DocumentSlot } from './use-document-slots';

/** What the API accepts (domain/media-types.ts), as the dropzone takes it: media type → endings. */
const accept = Object.fromEntries(mediaTypes.map((type) => [type, [...documentMediaTypes[type]]]));
const endings = [...new Set(mediaTypes.map((type) => documentMediaTypes[type][0].slice(1).toUpperCase()))];

interface DocumentDropzoneProps {
  slot: DocumentSlot;
  label: string;
  /** An error of the step about these documents. */
  error?: string;
}

/**
 * Documents for a step: dropped on the zone or chosen (by its button, or a click on the zone),
 * uploaded at once with progress, listed with name and size and removable until the step
 * is submitted. Type and size are checked here as the API checks them, and the API checks again.
 */
export function DocumentDropzone({ slot, label, error }: DocumentDropzoneProps) {
  const { t } = useTranslation('organisationSteps');
  const { t: tCommon } = useTranslation();
  const language = currentLanguage();
  const id = useId();
  const [rejected, setRejected] = useState<FileRejection[]>([]);
  const openRef = useRef<() => void>(null);
  const maxSize = formatFileSize(maxDocumentBytes, language);
  const rejection = ({ file, errors }: FileRejection) => {
    const tooLarge = errors.some((reason) => reason.code === 'file-too-large');
    return t(tooLarge ? 'documents.tooLarge' : 'documents.wrongType', { name: file.name, maxSize });
  };

  return (
    <Stack gap="xs">
      <Text id={`${id}-label`} fw={500} size="sm">
        {label}
      </Text>
      <Dropzone
        onDrop={(files) => {
          setRejected([]);
          slot.add(files);
        }}
        onReject={setRejected}
        accept={accept}
        maxSize={maxDocumentBytes}
        multiple
        openRef={openRef}
        // The button below is the way in by keyboard; the zone is for the mouse (click or drop).
        activateOnKeyboard={false}
        inputProps={{ 'aria-labelledby': `${id}-label` }}
        data-document-dropzone={label}
      >
        <Stack gap={4} align="center" justify="center" mih={72} style={{ pointerEvents: 'none' }}>
          <Text ta="center">{t('documents.drop')}</Text>
          <Text id={`${id}-hint`} size="sm" c="dimmed" ta="center">
            {t('documents.accepted', { types: endings.join(', '), maxSize })}
          </Text>
        </Stack>
      </Dropzone>
      <Group>
        <Button
          variant="default"
          size="xs"
          onClick={() => openRef.current?.()}
          aria-labelledby={`${id}-choose-text ${id}-label`}
          aria-describedby={`${id}-hint`}
        >
          <span id={`${id}-choose-text`}>{t('documents.choose')}</span>
        </Button>
      </Group>
      {rejected.length > 0 && (
        <Alert color="red" variant="light" role="alert" p="xs">
          {rejected.map((file) => (
            <Text key={file.file.name} size="sm">
              {rejection(file)}
            </Text>
          ))}
        </Alert>
      )}
      {slot.uploads.map((upload) =>
        upload.problem ? (
          <Alert
            key={upload.key}
            color="red"
            variant="light"
            role="alert"
            p="xs"
            withCloseButton
            closeButtonLabel={t('documents.dismiss')}
            onClose={() => slot.dismiss(upload.key)}
          >
            <Text size="sm">
              {t('documents.failed', { name: upload.name })} {problemMessage(tCommon, upload.problem)}
            </Text>
          </Alert>
        ) : (
          <Stack key={upload.key} gap={2}>
            <Text size="sm">{t('documents.uploading', { name: upload.name })}</Text>
            <Progress
              value={Math.round(upload.progress * 100)}
              aria-label={t('documents.progress', { name: upload.name })}
              transitionDuration={100}
            />
          </Stack>
        ),
      )}
      {slot.documents.length > 0 && (
        <List listStyleType="none" spacing={4} aria-label={t('documents.list', { label })}>
          {slot.documents.map((document) => (
            <List.Item key={document.id}>
              <Group gap="xs" wrap="nowrap">
                <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {document.name}
                </Text>
                <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                  {formatFileSize(document.size, language)}
                </Text>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  size="sm"
                  onClick={() => slot.remove(document.id)}
                  aria-label={t('documents.remove', { name: document.name })}
                >
                  <span aria-hidden="true">×</span>
                </ActionIcon>
              </Group>
            </List.Item>
          ))}
        </List>
      )}
      {error && (
        <Text size="sm" c="var(--mantine-color-error)" role="alert">
          {error}
        </Text>
      )}
    </Stack>
  );
}
