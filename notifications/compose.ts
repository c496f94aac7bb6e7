/** The e-mail of one outbox row for its resolved recipient, ready for the mailer. */
import type { NotificationRow } from '../db/database';
import type { Recipient } from '../db/notifications';
import { messageIdFor, type OutgoingMessage } from './mailer';
import { renderNotification } from './render';

export function composeMessage(
  row: NotificationRow,
  recipient: Recipient,
  sender: { from: string; webUrl: string },
): OutgoingMessage {
  const rendered = renderNotification({
    notificationId: row.notification_id,
    kind: row.kind,
    role: row.recipient_role,
    language: recipient.language,
    recipientName: recipient.name,
    payload: row.payload,
    createdAt: row.created_at.toISOString(),
    sequence: row.global_position,
    webUrl: sender.webUrl.replace(/\/+$/, ''),
  });
  return {
    from: sender.from,
    to: recipient.address,
    subject: rendered.subject,
    text: rendered.text,
    html: rendered.html,
    messageId: messageIdFor(row.notification_id),
    language: recipient.language,
    notificationId: row.notification_id,
    ...(rendered.calendar ? { calendar: { filename: `${row.kind}.ics`, content: rendered.calendar } } : {}),
  };
}
