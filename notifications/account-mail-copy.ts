/**
 * The words of the invitation and password-reset e-mails, in German and English. Pure data and
 * string functions; account-mail.ts lays them out.
 */
import type { AccountTokenPurpose, Language } from '../db/database';

export interface AccountMailFacts {
  name: string;
  email: string;
  /** The organisation an organisation user belongs to. */
  organisationName: string | null;
  /** When the link stops working, already formatted for the language. */
  validUntil: string;
}

export interface AccountMailCopy {
  subject: string;
  greeting: string;
  paragraphs: string[];
  action: string;
  footer: string;
}

type CopyOf = (facts: AccountMailFacts) => AccountMailCopy;

const footer: Record<Language, string> = {
  de: 'Diese Nachricht wurde automatisch vom Akkreditierungssystem des DIM versandt.',
  en: 'This message was sent automatically by the DIM accreditation system.',
};

export const accountMailCopy: Record<AccountTokenPurpose, Record<Language, CopyOf>> = {
  invitation: {
    de: (f) => ({
      subject: 'Einladung zum DIM-Akkreditierungsportal',
      greeting: `Guten Tag ${f.name},`,
      paragraphs: [
        `Sie wurden${f.organisationName ? ` für ${f.organisationName}` : ''} zum Akkreditierungsportal des Deutschen Instituts für Managementmethoden (DIM) eingeladen. Dort bearbeiten Sie Ihre Schritte im Akkreditierungsverfahren nach DIM 1002:2024.`,
        `Bitte legen Sie über den folgenden Link Ihr Passwort fest. Der Link ist bis ${f.validUntil} gültig und kann nur einmal verwendet werden.`,
        `Sie melden sich mit Ihrer E-Mail-Adresse ${f.email} an.`,
        'Falls Sie diese Einladung nicht erwartet haben, können Sie diese E-Mail ignorieren.',
      ],
      action: 'Passwort festlegen',
      footer: footer.de,
    }),
    en: (f) => ({
      subject: 'Invitation to the DIM accreditation portal',
      greeting: `Hello ${f.name},`,
      paragraphs: [
        `You have been invited to the accreditation portal of the Deutsches Institut für Managementmethoden (DIM)${f.organisationName ? ` as a user of ${f.organisationName}` : ''}. There you take your steps in the accreditation under DIM 1002:2024.`,
        `Please set your password with the link below. The link is valid until ${f.validUntil} and can be used once.`,
        `You sign in with your e-mail address ${f.email}.`,
        'If you did not expect this invitation, you can ignore this e-mail.',
      ],
      action: 'Set your password',
      footer: footer.en,
    }),
  },
  password_reset: {
    de: (f) => ({
      subject: 'Passwort zurücksetzen',
      greeting: `Guten Tag ${f.name},`,
      paragraphs: [
        `für Ihr Konto ${f.email} im DIM-Akkreditierungsportal wurde das Zurücksetzen des Passworts angefordert.`,
        `Über den folgenden Link legen Sie ein neues Passwort fest. Der Link ist bis ${f.validUntil} gültig und kann nur einmal verwendet werden.`,
        'Falls Sie das nicht angefordert haben, ignorieren Sie diese E-Mail; Ihr bisheriges Passwort bleibt gültig.',
      ],
      action: 'Neues Passwort festlegen',
      footer: footer.de,
    }),
    en: (f) => ({
      subject: 'Reset your password',
      greeting: `Hello ${f.name},`,
      paragraphs: [
        `A password reset was requested for your account ${f.email} on the DIM accreditation portal.`,
        `Set a new password with the link below. The link is valid until ${f.validUntil} and can be used once.`,
        'If you did not ask for this, ignore this e-mail; your current password stays valid.',
      ],
      action: 'Set a new password',
      footer: footer.en,
    }),
  },
};
