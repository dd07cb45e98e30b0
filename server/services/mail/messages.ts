import type { Language } from '../../../contract';

/**
 * What mail and the subscription pages say, in the widget's five languages. `{title}` is the
 * article's title, `{name}` a replier's name; both are filled in as text (escaped in HTML).
 */
export interface MailMessages {
  confirmSubject: string;
  confirmIntro: string;
  confirmAction: string;
  confirmIgnore: string;
  replySubject: string;
  digestSubject: string;
  replyIntro: string;
  digestIntro: string;
  yourComment: string;
  readReply: string;
  why: string;
  unsubscribe: string;
  confirmedPage: string;
  confirmInvalid: string;
  unsubscribePrompt: string;
  unsubscribedPage: string;
  unsubscribeInvalid: string;
}

const en: MailMessages = {
  confirmSubject: 'Confirm: email me replies to my comment',
  confirmIntro: 'You asked to be emailed when someone replies to your comment on “{title}”.',
  confirmAction: 'Yes, email me replies',
  confirmIgnore: 'If you did not ask for this, ignore this mail: you will get nothing more.',
  replySubject: '{name} replied to your comment on “{title}”',
  digestSubject: 'New replies to your comment on “{title}”',
  replyIntro: '{name} replied to your comment on “{title}”:',
  digestIntro: 'New replies to your comment on “{title}”:',
  yourComment: 'Your comment',
  readReply: 'Read and reply',
  why: 'You get this mail because you asked to be emailed replies to your comments.',
  unsubscribe: 'Unsubscribe',
  confirmedPage: 'Done: you will be emailed replies to your comments.',
  confirmInvalid: 'This link no longer works: it was used already, or it is more than 7 days old.',
  unsubscribePrompt: 'Stop emails about replies to your comments?',
  unsubscribedPage: 'You are unsubscribed: no more mail about replies will be sent to this address.',
  unsubscribeInvalid: 'This link no longer works. No mail about replies goes to this address.',
};

const de: MailMessages = {
  confirmSubject: 'Bestätigen: Antworten auf meinen Kommentar per E-Mail',
  confirmIntro: 'Sie möchten per E-Mail erfahren, wenn jemand auf Ihren Kommentar zu „{title}“ antwortet.',
  confirmAction: 'Ja, Antworten per E-Mail senden',
  confirmIgnore: 'Wenn Sie das nicht angefordert haben, ignorieren Sie diese E-Mail: Sie erhalten nichts weiter.',
  replySubject: '{name} hat auf Ihren Kommentar zu „{title}“ geantwortet',
  digestSubject: 'Neue Antworten auf Ihren Kommentar zu „{title}“',
  replyIntro: '{name} hat auf Ihren Kommentar zu „{title}“ geantwortet:',
  digestIntro: 'Neue Antworten auf Ihren Kommentar zu „{title}“:',
  yourComment: 'Ihr Kommentar',
  readReply: 'Lesen und antworten',
  why: 'Sie erhalten diese E-Mail, weil Sie Antworten auf Ihre Kommentare per E-Mail angefordert haben.',
  unsubscribe: 'Abbestellen',
  confirmedPage: 'Erledigt: Antworten auf Ihre Kommentare kommen per E-Mail.',
  confirmInvalid: 'Dieser Link gilt nicht mehr: Er wurde schon benutzt oder ist älter als 7 Tage.',
  unsubscribePrompt: 'Keine E-Mails mehr über Antworten auf Ihre Kommentare?',
  unsubscribedPage: 'Abbestellt: An diese Adresse gehen keine E-Mails über Antworten mehr.',
  unsubscribeInvalid: 'Dieser Link gilt nicht mehr. An diese Adresse gehen keine E-Mails über Antworten.',
};

const es: MailMessages = {
  confirmSubject: 'Confirmar: enviarme por correo las respuestas a mi comentario',
  confirmIntro: 'Pediste recibir un correo cuando alguien responda a tu comentario en «{title}».',
  confirmAction: 'Sí, enviarme las respuestas',
  confirmIgnore: 'Si no lo pediste, ignora este correo: no recibirás nada más.',
  replySubject: '{name} respondió a tu comentario en «{title}»',
  digestSubject: 'Nuevas respuestas a tu comentario en «{title}»',
  replyIntro: '{name} respondió a tu comentario en «{title}»:',
  digestIntro: 'Nuevas respuestas a tu comentario en «{title}»:',
  yourComment: 'Tu comentario',
  readReply: 'Leer y responder',
  why: 'Recibes este correo porque pediste que te enviáramos las respuestas a tus comentarios.',
  unsubscribe: 'Darse de baja',
  confirmedPage: 'Listo: te enviaremos por correo las respuestas a tus comentarios.',
  confirmInvalid: 'Este enlace ya no sirve: ya se usó o tiene más de 7 días.',
  unsubscribePrompt: '¿Dejar de recibir correos sobre respuestas a tus comentarios?',
  unsubscribedPage: 'Te has dado de baja: no se enviarán más correos sobre respuestas a esta dirección.',
  unsubscribeInvalid: 'Este enlace ya no sirve. No se envían correos sobre respuestas a esta dirección.',
};

const fr: MailMessages = {
  confirmSubject: 'Confirmer : recevoir par e-mail les réponses à mon commentaire',
  confirmIntro: 'Vous avez demandé à être prévenu par e-mail des réponses à votre commentaire sur « {title} ».',
  confirmAction: 'Oui, m’envoyer les réponses',
  confirmIgnore: 'Si vous n’avez rien demandé, ignorez cet e-mail : vous ne recevrez rien d’autre.',
  replySubject: '{name} a répondu à votre commentaire sur « {title} »',
  digestSubject: 'Nouvelles réponses à votre commentaire sur « {title} »',
  replyIntro: '{name} a répondu à votre commentaire sur « {title} » :',
  digestIntro: 'Nouvelles réponses à votre commentaire sur « {title} » :',
  yourComment: 'Votre commentaire',
  readReply: 'Lire et répondre',
  why: 'Vous recevez cet e-mail parce que vous avez demandé les réponses à vos commentaires.',
  unsubscribe: 'Se désabonner',
  confirmedPage: 'C’est fait : les réponses à vos commentaires vous seront envoyées par e-mail.',
  confirmInvalid: 'Ce lien ne fonctionne plus : il a déjà servi ou date de plus de 7 jours.',
  unsubscribePrompt: 'Ne plus recevoir d’e-mails sur les réponses à vos commentaires ?',
  unsubscribedPage: 'Vous êtes désabonné : plus aucun e-mail sur les réponses ne sera envoyé à cette adresse.',
  unsubscribeInvalid: 'Ce lien ne fonctionne plus. Aucun e-mail sur les réponses ne va à cette adresse.',
};

const ru: MailMessages = {
  confirmSubject: 'Подтвердите: присылать ответы на мой комментарий',
  confirmIntro: 'Вы попросили сообщать по почте, когда кто-то ответит на ваш комментарий к «{title}».',
  confirmAction: 'Да, присылать ответы',
  confirmIgnore: 'Если вы этого не просили, просто проигнорируйте письмо: больше ничего не придёт.',
  replySubject: '{name} ответил(а) на ваш комментарий к «{title}»',
  digestSubject: 'Новые ответы на ваш комментарий к «{title}»',
  replyIntro: '{name} ответил(а) на ваш комментарий к «{title}»:',
  digestIntro: 'Новые ответы на ваш комментарий к «{title}»:',
  yourComment: 'Ваш комментарий',
  readReply: 'Прочитать и ответить',
  why: 'Вы получили это письмо, потому что попросили присылать ответы на ваши комментарии.',
  unsubscribe: 'Отписаться',
  confirmedPage: 'Готово: ответы на ваши комментарии будут приходить по почте.',
  confirmInvalid: 'Эта ссылка больше не действует: ею уже воспользовались или ей больше 7 дней.',
  unsubscribePrompt: 'Больше не присылать письма об ответах на ваши комментарии?',
  unsubscribedPage: 'Вы отписались: письма об ответах на этот адрес больше не придут.',
  unsubscribeInvalid: 'Эта ссылка больше не действует. Письма об ответах на этот адрес не приходят.',
};

export const MAIL_MESSAGES: Record<Language, MailMessages> = { en, de, es, fr, ru };

/** Fills `{name}` placeholders with text. */
export const fill = (text: string, values: Record<string, string>) => text.replace(/\{(\w+)\}/g, (all, k: string) => values[k] ?? all);
