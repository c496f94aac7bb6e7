import { defineMessages } from '../../i18n/define';

/**
 * "My tasks" and what any list of tasks shows; a step a task's action opens is named by
 * `cases.command` (see `stepLabel`).
 */
export const tasks = defineMessages({
  de: {
    title: 'Meine Aufgaben',
    intro: 'Ihre offenen Aufgaben, die nächste Frist zuerst. Überfällige Aufgaben sind markiert.',
    none: 'Sie haben keine offenen Aufgaben.',
    count_one: '{{count}} offene Aufgabe',
    count_other: '{{count}} offene Aufgaben',
    overdueCount: 'davon {{count}} überfällig',
    listLabel: 'Offene Aufgaben',
    due: 'Fällig: {{date}}',
    noDue: 'Ohne Frist',
    overdue: 'Überfällig',
    openCase: 'Akkreditierung öffnen',
    holder: 'Zuständig: {{holder}}',
    forCase: 'Akkreditierung von {{organisation}}',
    actions: 'Aktionen zu „{{task}}“',
  },
  en: {
    title: 'My tasks',
    intro: 'Your open tasks, the next deadline first. Overdue tasks are marked.',
    none: 'You have no open tasks.',
    count_one: '{{count}} open task',
    count_other: '{{count}} open tasks',
    overdueCount: '{{count}} of them overdue',
    listLabel: 'Open tasks',
    due: 'Due: {{date}}',
    noDue: 'No deadline',
    overdue: 'Overdue',
    openCase: 'Open the accreditation',
    holder: 'Held by: {{holder}}',
    forCase: 'Accreditation of {{organisation}}',
    actions: 'Actions for “{{task}}”',
  },
});
