/** The mails we send. Never health data: a mail says that something waits, and links to it. */
export type MailTemplate =
  | 'verify_email'
  | 'password_reset'
  | 'invitation'
  | 'account_exists'
  | 'alert'
  | 'access_code'
  | 'new_message'
  | 'practice_closure';
export type MailLanguage = 'en' | 'de';

export interface RenderedMail {
  subject: string;
  text: string;
}

type Params = Record<string, string>;

const sign = { en: '— Rehabit', de: '— Rehabit' };

const templates: Record<MailTemplate, Record<MailLanguage, (params: Params) => RenderedMail>> = {
  // To the owner who closed the practice: the date everything is erased and how to cancel; no client data.
  practice_closure: {
    en: (p) => ({
      subject: `${p.practiceName} will be erased on ${p.date}`,
      text: `You asked to close ${p.practiceName} on Rehabit. On ${p.date} every client record, program, message, outcome measure, media file and account of the practice will be erased for good, and the practice's keys destroyed.\n\nUntil then you and your team can still sign in, export what you need, and cancel the closure in the practice settings:\n\n${p.link}\n\nIf you did not ask for this, sign in and cancel it now.\n\n${sign.en}`,
    }),
    de: (p) => ({
      subject: `${p.practiceName} wird am ${p.date} gelöscht`,
      text: `Sie haben die Schließung von ${p.practiceName} auf Rehabit veranlasst. Am ${p.date} werden alle Patientenakten, Programme, Nachrichten, Fragebögen, Mediendateien und Konten der Praxis endgültig gelöscht und die Schlüssel der Praxis vernichtet.\n\nBis dahin können Sie und Ihr Team sich weiter anmelden, exportieren, was Sie brauchen, und die Schließung in den Praxiseinstellungen zurücknehmen:\n\n${p.link}\n\nWenn Sie das nicht veranlasst haben, melden Sie sich an und nehmen Sie die Schließung jetzt zurück.\n\n${sign.de}`,
    }),
  },
  // To a client: the practice, the code and where to enter it; nothing of the program or their health.
  access_code: {
    en: (p) => ({
      subject: `Your access code from ${p.practiceName}`,
      text: `${p.practiceName} has prepared your exercise program in Rehabit. Open the app and enter your access code:\n\n${p.link}\n\nAccess code: ${p.accessCode}\n\nKeep the code to yourself: it opens your program. If you did not expect this mail, ignore it.\n\n${sign.en}`,
    }),
    de: (p) => ({
      subject: `Ihr Zugangscode von ${p.practiceName}`,
      text: `${p.practiceName} hat Ihr Übungsprogramm in Rehabit vorbereitet. Öffnen Sie die App und geben Sie Ihren Zugangscode ein:\n\n${p.link}\n\nZugangscode: ${p.accessCode}\n\nBehalten Sie den Code für sich: Er öffnet Ihr Programm. Wenn Sie diese E-Mail nicht erwartet haben, ignorieren Sie sie.\n\n${sign.de}`,
    }),
  },
  // To a practitioner who is away: that a message waits, never from whom or what it says.
  new_message: {
    en: (p) => ({
      subject: 'You have a new message',
      text: `You have a new message in Rehabit. Sign in to read it:\n\n${p.link}\n\nYou can choose which notices reach you by mail on your account page.\n\n${sign.en}`,
    }),
    de: (p) => ({
      subject: 'Sie haben eine neue Nachricht',
      text: `Sie haben eine neue Nachricht in Rehabit. Melden Sie sich an, um sie zu lesen:\n\n${p.link}\n\nAuf Ihrer Kontoseite legen Sie fest, welche Hinweise Sie per E-Mail erhalten.\n\n${sign.de}`,
    }),
  },
  // Says only that something waits: which client and why stay in Rehabit, behind sign-in.
  alert: {
    en: (p) => ({
      subject: 'A new alert is waiting in Rehabit',
      text: `A client's activity has raised an alert for your practice. Sign in to see it:\n\n${p.link}\n\nYou can choose which alerts reach you by mail on your account page.\n\n${sign.en}`,
    }),
    de: (p) => ({
      subject: 'Eine neue Meldung wartet in Rehabit',
      text: `Die Aktivität eines Patienten hat eine Meldung für Ihre Praxis ausgelöst. Melden Sie sich an, um sie zu sehen:\n\n${p.link}\n\nAuf Ihrer Kontoseite legen Sie fest, welche Meldungen Sie per E-Mail erhalten.\n\n${sign.de}`,
    }),
  },
  verify_email: {
    en: (p) => ({
      subject: 'Confirm your email address',
      text: `Please confirm your email address for Rehabit by opening this link:\n\n${p.link}\n\nThe link works once. If you did not sign up, ignore this mail.\n\n${sign.en}`,
    }),
    de: (p) => ({
      subject: 'Bitte bestätigen Sie Ihre E-Mail-Adresse',
      text: `Bitte bestätigen Sie Ihre E-Mail-Adresse für Rehabit mit diesem Link:\n\n${p.link}\n\nDer Link funktioniert einmal. Wenn Sie sich nicht registriert haben, ignorieren Sie diese E-Mail.\n\n${sign.de}`,
    }),
  },
  password_reset: {
    en: (p) => ({
      subject: 'Reset your password',
      text: `Someone asked to reset the password of your Rehabit account. To choose a new one, open this link within 30 minutes:\n\n${p.link}\n\nThe link works once. If it was not you, ignore this mail: your password stays as it is.\n\n${sign.en}`,
    }),
    de: (p) => ({
      subject: 'Passwort zurücksetzen',
      text: `Jemand möchte das Passwort Ihres Rehabit-Kontos zurücksetzen. Um ein neues zu wählen, öffnen Sie diesen Link innerhalb von 30 Minuten:\n\n${p.link}\n\nDer Link funktioniert einmal. Wenn Sie das nicht waren, ignorieren Sie diese E-Mail: Ihr Passwort bleibt unverändert.\n\n${sign.de}`,
    }),
  },
  invitation: {
    en: (p) => ({
      subject: `You are invited to ${p.practiceName} on Rehabit`,
      text: `${p.practiceName} invites you to join its team on Rehabit. To accept, open this link within 7 days:\n\n${p.link}\n\n${sign.en}`,
    }),
    de: (p) => ({
      subject: `Einladung zu ${p.practiceName} auf Rehabit`,
      text: `${p.practiceName} lädt Sie ein, dem Team auf Rehabit beizutreten. Öffnen Sie zum Annehmen diesen Link innerhalb von 7 Tagen:\n\n${p.link}\n\n${sign.de}`,
    }),
  },
  account_exists: {
    en: (p) => ({
      subject: 'Someone tried to sign up with your address',
      text: `Someone just tried to create a Rehabit account with this email address, which already has one. If it was you, sign in instead:\n\n${p.link}\n\nForgot your password? You can reset it on the sign-in page. If it was not you, ignore this mail.\n\n${sign.en}`,
    }),
    de: (p) => ({
      subject: 'Registrierungsversuch mit Ihrer Adresse',
      text: `Soeben wurde versucht, mit dieser E-Mail-Adresse ein Rehabit-Konto anzulegen; es gibt bereits eines. Wenn Sie das waren, melden Sie sich stattdessen an:\n\n${p.link}\n\nPasswort vergessen? Auf der Anmeldeseite können Sie es zurücksetzen. Wenn Sie es nicht waren, ignorieren Sie diese E-Mail.\n\n${sign.de}`,
    }),
  },
};

export function renderMail(template: MailTemplate, language: MailLanguage, params: Params): RenderedMail {
  return templates[template][language](params);
}

export const isMailTemplate = (value: string): value is MailTemplate => value in templates;
