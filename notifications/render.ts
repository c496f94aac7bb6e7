/**
 * The e-mail of each notification kind, in German (default) and English: pure functions of the
 * outbox row and the recipient, no I/O and no clock. Each message has a subject, a plain-text and
 * an HTML body (all interpolated values escaped), a deep link into the web UI and, for audit dates
 * and due dates, an iCalendar attachment. The words are the copy's (copy/); this is the layout.
 */
import { copyOf } from './copy';
import { Context, type RenderInput } from './copy/context';
import { renderCalendar } from './ical';

export type { RenderInput } from './copy/context';

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
  /** Deep links in the message (the first is the main action). */
  links: string[];
  /** iCalendar text (.ics), for audit dates and due dates. */
  calendar?: string;
}

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function greeting(c: Context, name: string): string {
  // An organisation's contact address is a mailbox, not a person.
  if (!name) return c.t('Sehr geehrte Damen und Herren,', 'Dear Sir or Madam,');
  return c.t(`Guten Tag ${name},`, `Hello ${name},`);
}

/** Renders one notification for one recipient. */
export function renderNotification(input: RenderInput): RenderedMessage {
  const c = new Context(input);
  const content = copyOf(input.kind)(c);
  const link = input.webUrl + content.action.path;
  const links = [link];
  // A mail about a case (not the digest) links the case too, unless its action opens it anyway.
  const aboutCase = typeof (input.payload as { accreditationId?: unknown }).accreditationId === 'string';
  if (aboutCase && content.action.path !== c.casePath) links.push(input.webUrl + c.casePath);
  const footer = c.t(
    'Diese Nachricht wurde automatisch vom Akkreditierungssystem des DIM versandt.',
    'This message was sent automatically by the DIM accreditation system.',
  );
  const reference = `${c.t('Referenz', 'Reference')}: ${input.notificationId}`;

  // After the greeting's comma German goes on in lower case, English starts a new sentence.
  const [first, ...rest] = content.blocks;
  if (input.language === 'en' && typeof first === 'string') {
    content.blocks = [first.charAt(0).toUpperCase() + first.slice(1), ...rest];
  }
  const textBlocks = content.blocks.map((block) =>
    typeof block === 'string' ? block : block.list.map((item) => `  - ${item}`).join('\n'),
  );
  const text = [
    greeting(c, input.recipientName),
    ...textBlocks,
    `${content.action.label}: ${link}`,
    ...(links[1] ? [`${c.t('Akkreditierung', 'Accreditation')}: ${links[1]}`] : []),
    `--\n${footer}\n${reference}`,
  ].join('\n\n');

  const htmlBlocks = content.blocks.map((block) =>
    typeof block === 'string'
      ? `<p>${escapeHtml(block)}</p>`
      : `<ul>${block.list.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`,
  );
  const html = [
    `<!DOCTYPE html><html lang="${input.language}"><head><meta charset="utf-8"><title>${escapeHtml(content.subject)}</title></head><body>`,
    `<p>${escapeHtml(greeting(c, input.recipientName))}</p>`,
    ...htmlBlocks,
    `<p><a href="${escapeHtml(link)}">${escapeHtml(content.action.label)}</a></p>`,
    ...(links[1]
      ? [
          `<p><a href="${escapeHtml(links[1])}">${escapeHtml(c.t('Akkreditierung öffnen', 'Open the accreditation'))}</a></p>`,
        ]
      : []),
    `<hr><p style="color:#666;font-size:small">${escapeHtml(footer)}<br>${escapeHtml(reference)}</p>`,
    '</body></html>',
  ].join('\n');

  const rendered: RenderedMessage = { subject: `[DIM] ${content.subject}`, text, html, links };
  if (content.calendar?.length) {
    rendered.calendar = renderCalendar({
      accreditationId: c.caseId,
      entries: content.calendar,
      stamp: input.createdAt,
      sequence: input.sequence,
    });
  }
  return rendered;
}
