/** The mails of a special audit (rule set 5): scheduled and closed, to the organisation. */
import type { Copy } from './context';

export const specialAuditCopy: Record<string, Copy> = {
  special_audit_scheduled: (c) => {
    const d = c.data('SpecialAuditScheduled');
    return {
      subject: c.t(`Sonderaudit angesetzt: ${c.org}`, `Special audit scheduled: ${c.org}`),
      blocks: [
        c.t(
          `für ${c.org} wurde ein Sonderaudit angesetzt. Das Zertifikat bleibt währenddessen unverändert gültig. Anlass:`,
          `a special audit has been scheduled for ${c.org}. The certificate stays valid as it is meanwhile. Reason:`,
        ),
        { list: [d.reason] },
        c.t(
          'Sie erfahren, wer auditiert und wann; gegen den Auditor können Sie wie beim Vor-Ort-Audit Einwand erheben.',
          'You will learn who audits and when; you may object to the auditor as for the on-site audit.',
        ),
      ],
      action: c.openCase(),
    };
  },

  special_audit_closed: (c) => {
    const d = c.data('SpecialAuditClosed');
    return {
      subject: c.t(`Sonderaudit abgeschlossen: ${c.org}`, `Special audit closed: ${c.org}`),
      blocks: [
        d.findingIds.length === 0
          ? c.t(
              `das Sonderaudit von ${c.org} ist ohne Feststellungen abgeschlossen. Das Zertifikat bleibt bestehen.`,
              `the special audit of ${c.org} has closed without findings. The certificate stays.`,
            )
          : c.t(
              `das Sonderaudit von ${c.org} ist abgeschlossen; alle Feststellungen sind erledigt.`,
              `the special audit of ${c.org} has closed; all findings are resolved.`,
            ),
      ],
      action: c.openCase(),
    };
  },
};
