/** The mails of a scope change during validity (rule set 6): applied, to assess, to review, to decide, decided. */
import type { Context, Copy } from './context';

const kindOf = (c: Context, kind: 'extension' | 'reduction') =>
  kind === 'extension' ? c.t('Erweiterung', 'extension') : c.t('Einschränkung', 'reduction');

export const scopeChangeCopy: Record<string, Copy> = {
  scope_change_applied: (c) => {
    const d = c.data('ScopeChangeApplied');
    return c.input.role === 'organisation'
      ? {
          subject: c.t('Änderung des Geltungsbereichs beantragt', 'Scope change applied for'),
          blocks: [
            c.t(
              `wir haben den Antrag von ${c.org} auf ${kindOf(c, d.kind)} des Geltungsbereichs erhalten. Das Zertifikat gilt bis zur Entscheidung unverändert. Beantragter Geltungsbereich:`,
              `we have received the application of ${c.org} for an ${kindOf(c, d.kind)} of its scope. The certificate stays valid as it is until the decision. Scope applied for:`,
            ),
            { list: [d.scope] },
          ],
          action: c.openCase(),
        }
      : {
          subject: c.t(
            `Änderung des Geltungsbereichs zu prüfen: ${c.org}`,
            `Scope change to assess: ${c.org}`,
          ),
          blocks: [
            c.t(
              `${c.org} beantragt eine ${kindOf(c, d.kind)} des Geltungsbereichs. Bitte legen Sie fest, wie sie geprüft wird (ohne weitere Prüfung, Dokumentenprüfung oder Sonderaudit). Begründung:`,
              `${c.org} applies for an ${kindOf(c, d.kind)} of its scope. Please choose how it is assessed (no further assessment, document review or special audit). Reason:`,
            ),
            { list: [d.reason] },
          ],
          action: c.openTasks(),
        };
  },

  scope_change_assessed: (c) => ({
    subject: c.t(
      `Dokumentenprüfung zur Änderung des Geltungsbereichs: ${c.org}`,
      `Document review of a scope change: ${c.org}`,
    ),
    blocks: [
      c.t(
        `Sie prüfen die Dokumente zur beantragten Änderung des Geltungsbereichs von ${c.org}.`,
        `You review the documents of the scope change ${c.org} applied for.`,
      ),
    ],
    action: c.openTasks(),
  }),

  scope_change_ready_for_decision: (c) => ({
    subject: c.t(
      `Änderung des Geltungsbereichs zu entscheiden: ${c.org}`,
      `Scope change to decide: ${c.org}`,
    ),
    blocks: [
      c.t(
        `die beantragte Änderung des Geltungsbereichs von ${c.org} ist geprüft und wartet auf Ihre Entscheidung.`,
        `the scope change ${c.org} applied for has been assessed and awaits your decision.`,
      ),
    ],
    action: c.openTasks(),
  }),

  scope_change_decided: (c) => {
    const d = c.data('ScopeChangeDecided');
    return {
      subject: d.granted
        ? c.t('Geltungsbereich geändert', 'Scope changed')
        : c.t('Änderung des Geltungsbereichs abgelehnt', 'Scope change refused'),
      blocks: [
        d.granted
          ? c.t(
              `die ${kindOf(c, d.kind)} des Geltungsbereichs von ${c.org} ist genehmigt. Zertifikat und Register nennen ab sofort diesen Geltungsbereich; Zertifikatsnummer und Gültigkeit bleiben:`,
              `the ${kindOf(c, d.kind)} of the scope of ${c.org} is granted. The certificate and the register state this scope from now on; the certificate number and validity stay:`,
            )
          : c.t(
              `die beantragte ${kindOf(c, d.kind)} des Geltungsbereichs von ${c.org} ist abgelehnt. Es gilt weiter der bisherige Geltungsbereich:`,
              `the ${kindOf(c, d.kind)} of the scope ${c.org} applied for is refused. The scope stays as it was:`,
            ),
        { list: [d.granted ? d.scope : d.previousScope] },
        c.t(`Begründung: ${d.reason}`, `Reason: ${d.reason}`),
      ],
      action: c.openCase(),
    };
  },
};
