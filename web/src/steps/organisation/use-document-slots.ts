import { useCallback, useState } from 'react';
import type { ProblemError } from '../../api/problem';
import { type UploadedDocument, uploadDocument } from './upload';

/** A file on its way to the API, or refused by it. */
export interface Upload {
  key: string;
  name: string;
  size: number;
  /** 0…1 */
  progress: number;
  problem?: ProblemError;
}

interface Slot {
  documents: UploadedDocument[];
  uploads: Upload[];
}

/** One list of documents of a form (the application has one per §5.1 item). */
export interface DocumentSlot extends Slot {
  add(files: File[]): void;
  remove(documentId: string): void;
  dismiss(uploadKey: string): void;
}

const emptySlot: Slot = { documents: [], uploads: [] };
let uploadCounter = 0;

/**
 * The documents a form uploads, in named slots: each file goes to `POST /documents` as soon as it
 * is dropped (with progress); the step names them by id when it is submitted. Removing one from a
 * slot only leaves it out of the step (the API keeps what was uploaded, by its SHA-256).
 */
export function useDocumentSlots() {
  const [slots, setSlots] = useState<Record<string, Slot>>({});

  const change = useCallback((name: string, update: (slot: Slot) => Slot) => {
    setSlots((current) => ({ ...current, [name]: update(current[name] ?? emptySlot) }));
  }, []);

  const changeUpload = useCallback(
    (name: string, key: string, update: (upload: Upload) => Upload | null) =>
      change(name, (slot) => ({
        ...slot,
        uploads: slot.uploads.flatMap((upload) => {
          if (upload.key !== key) return [upload];
          const changed = update(upload);
          return changed ? [changed] : [];
        }),
      })),
    [change],
  );

  const add = (name: string, files: File[]) => {
    for (const file of files) {
      uploadCounter += 1;
      const key = `upload-${uploadCounter}`;
      change(name, (slot) => ({
        ...slot,
        uploads: [...slot.uploads, { key, name: file.name, size: file.size, progress: 0 }],
      }));
      uploadDocument(file, (progress) => changeUpload(name, key, (upload) => ({ ...upload, progress }))).then(
        (document) => {
          changeUpload(name, key, () => null);
          change(name, (slot) => ({
            ...slot,
            // The same content twice is one document.
            documents: slot.documents.some((known) => known.id === document.id)
              ? slot.documents
              : [...slot.documents, document],
          }));
        },
        (problem: ProblemError) => changeUpload(name, key, (upload) => ({ ...upload, problem })),
      );
    }
  };

  const slot = (name: string): DocumentSlot => ({
    ...(slots[name] ?? emptySlot),
    add: (files) => add(name, files),
    remove: (documentId) =>
      change(name, (current) => ({
        ...current,
        documents: current.documents.filter((document) => document.id !== documentId),
      })),
    dismiss: (key) => changeUpload(name, key, () => null),
  });

  return {
    slot,
    /** The ids of a slot's documents, for the step's body. */
    documentIds: (name: string) => (slots[name] ?? emptySlot).documents.map((document) => document.id),
    /** A file is still uploading: the step must wait for it. */
    busy: Object.values(slots).some((current) => current.uploads.some((upload) => !upload.problem)),
  };
}
