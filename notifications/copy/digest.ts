/** The daily digest's copy: tasks overdue and due soon, and the subjects of the held notifications. */
import type { DigestPayload, DigestTask } from '../../db/notification-digest';
import type { NotificationPayload } from '../../db/notifications';
import { type Block, Context, type Copy } from './context';

export function digestCopy(caseCopy: (kind: string) => Copy): Copy {
  return (c) => {
    const payload = c.input.payload as DigestPayload;
    const blocks: Block[] = [];
    const overdue = payload.tasks.filter((task) => task.overdue);
    const upcoming = payload.tasks.filter((task) => !task.overdue);
    const task = (t: DigestTask) =>
      `${t.organisationName}: ${t.kind}${t.dueAt ? ` – ${c.t('fällig', 'due')} ${c.dateTime(t.dueAt)}` : ''}`;
    if (overdue.length) blocks.push(c.t('Überfällig:', 'Overdue:'), { list: overdue.map(task) });
    if (upcoming.length) blocks.push(c.t('Demnächst fällig:', 'Due soon:'), { list: upcoming.map(task) });
    if (payload.items.length) {
      blocks.push(
        c.t('Mitteilungen seit der letzten Zusammenfassung:', 'Notifications since the last summary:'),
        {
          list: payload.items.map((item) => {
            const itemPayload = item.payload as NotificationPayload;
            const inner = new Context({
              ...c.input,
              kind: item.kind,
              role: item.role,
              payload: item.payload,
            });
            const content = caseCopy(item.kind)(inner);
            return `${content.subject} (${c.input.webUrl}/accreditations/${encodeURIComponent(itemPayload.accreditationId)})`;
          }),
        },
      );
    }
    return {
      subject: c.t(
        `Tägliche Zusammenfassung vom ${c.day(payload.date)}: ${overdue.length} überfällig, ${upcoming.length} demnächst fällig`,
        `Daily summary of ${c.day(payload.date)}: ${overdue.length} overdue, ${upcoming.length} due soon`,
      ),
      blocks,
      action: c.openTasks(),
    };
  };
}
