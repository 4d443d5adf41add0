/**
 * The few texts the script-tag loader's launcher shows before the widget's code has
 * arrived. `open`, `offline` and `message` are the widget's own `launcher.open`,
 * `launcher.offline` and `offline.launcher` (a test keeps them equal, so the launcher does not change its words
 * at the handover); `loading` and `failed` exist only here (machine-drafted like the
 * locale files, docs/i18n.md). One entry per locale the widget ships, chosen by the same
 * negotiation (src/i18n/negotiate.ts); languages without one use English, as the widget does.
 */
export interface LoaderStrings {
  open: string;
  /** Offline, no leave-a-message form: says so, promises nothing. */
  offline: string;
  /** Offline with `offline-form-action`: the widget's `offline.launcher`. */
  message: string;
  /** The visitor clicked and the chat's code is still on its way. */
  loading: string;
  /** The chat's code could not be loaded; the next click tries again. */
  failed: string;
}

export const loaderStrings: Readonly<Record<string, LoaderStrings>> = {
  en: { open: 'Chat with us', offline: 'We\'re offline', message: 'Leave us a message', loading: 'Opening the chat…', failed: 'The chat could not load. Try again' },
  ar: { open: 'تحدث معنا', offline: 'نحن غير متصلين الآن', message: 'اترك لنا رسالة', loading: 'جارٍ فتح الدردشة…', failed: 'تعذّر تحميل الدردشة. حاول مرة أخرى' },
  de: { open: 'Chatten Sie mit uns', offline: 'Wir sind offline', message: 'Hinterlassen Sie uns eine Nachricht', loading: 'Der Chat wird geöffnet …', failed: 'Der Chat konnte nicht geladen werden. Erneut versuchen' },
  es: { open: 'Chatea con nosotros', offline: 'Estamos desconectados', message: 'Déjanos un mensaje', loading: 'Abriendo el chat…', failed: 'No se pudo cargar el chat. Inténtalo de nuevo' },
  fa: { open: 'با ما گفتگو کنید', offline: 'ما الان آفلاین هستیم', message: 'برای ما پیام بگذارید', loading: 'در حال باز کردن گفتگو…', failed: 'گفتگو بارگیری نشد. دوباره امتحان کنید' },
  fr: { open: 'Discutez avec nous', offline: 'Nous sommes hors ligne', message: 'Laissez-nous un message', loading: 'Ouverture du chat…', failed: 'Le chat n’a pas pu se charger. Réessayez' },
  he: { open: 'צ׳אט איתנו', offline: 'אנחנו לא מחוברים כרגע', message: 'השאירו לנו הודעה', loading: 'הצ׳אט נפתח…', failed: 'לא ניתן היה לטעון את הצ׳אט. נסו שוב' },
  hi: { open: 'हमसे चैट करें', offline: 'हम अभी ऑफ़लाइन हैं', message: 'हमारे लिए संदेश छोड़ें', loading: 'चैट खुल रही है…', failed: 'चैट लोड नहीं हो सकी। फिर से कोशिश करें' },
  id: { open: 'Chat dengan kami', offline: 'Kami sedang offline', message: 'Tinggalkan pesan', loading: 'Membuka chat…', failed: 'Chat tidak dapat dimuat. Coba lagi' },
  it: { open: 'Chatta con noi', offline: 'Siamo offline', message: 'Lasciaci un messaggio', loading: 'Apertura della chat…', failed: 'Impossibile caricare la chat. Riprova' },
  ja: { open: 'チャットで相談する', offline: '現在オフラインです', message: 'メッセージを残す', loading: 'チャットを開いています…', failed: 'チャットを読み込めませんでした。もう一度お試しください' },
  ko: { open: '채팅 상담하기', offline: '현재 오프라인입니다', message: '메시지 남기기', loading: '채팅을 여는 중…', failed: '채팅을 불러오지 못했습니다. 다시 시도하세요' },
  nl: { open: 'Chat met ons', offline: 'We zijn offline', message: 'Laat een bericht achter', loading: 'De chat wordt geopend…', failed: 'De chat kon niet worden geladen. Probeer het opnieuw' },
  pl: { open: 'Porozmawiaj z nami', offline: 'Jesteśmy offline', message: 'Zostaw nam wiadomość', loading: 'Otwieranie czatu…', failed: 'Nie udało się wczytać czatu. Spróbuj ponownie' },
  'pt-BR': { open: 'Fale com a gente', offline: 'Estamos offline', message: 'Deixe uma mensagem', loading: 'Abrindo o chat…', failed: 'Não foi possível carregar o chat. Tente de novo' },
  ru: { open: 'Напишите нам', offline: 'Мы сейчас не в сети', message: 'Оставьте нам сообщение', loading: 'Открываем чат…', failed: 'Не удалось загрузить чат. Попробуйте ещё раз' },
  sv: { open: 'Chatta med oss', offline: 'Vi är offline', message: 'Lämna ett meddelande', loading: 'Chatten öppnas…', failed: 'Chatten kunde inte laddas. Försök igen' },
  th: { open: 'แชทกับเรา', offline: 'ขณะนี้เราออฟไลน์', message: 'ฝากข้อความถึงเรา', loading: 'กำลังเปิดแชท…', failed: 'โหลดแชทไม่สำเร็จ ลองอีกครั้ง' },
  tr: { open: 'Bizimle sohbet edin', offline: 'Şu anda çevrimdışıyız', message: 'Bize mesaj bırakın', loading: 'Sohbet açılıyor…', failed: 'Sohbet yüklenemedi. Tekrar deneyin' },
  uk: { open: 'Напишіть нам', offline: 'Ми зараз не в мережі', message: 'Залиште нам повідомлення', loading: 'Відкриваємо чат…', failed: 'Не вдалося завантажити чат. Спробуйте ще раз' },
  vi: { open: 'Trò chuyện với chúng tôi', offline: 'Chúng tôi đang ngoại tuyến', message: 'Để lại lời nhắn', loading: 'Đang mở cuộc trò chuyện…', failed: 'Không tải được cuộc trò chuyện. Hãy thử lại' },
  'zh-Hans': { open: '在线咨询', offline: '我们目前不在线', message: '给我们留言', loading: '正在打开聊天…', failed: '聊天无法加载。请重试' },
  'zh-Hant': { open: '線上諮詢', offline: '我們目前不在線上', message: '留言給我們', loading: '正在開啟聊天…', failed: '無法載入聊天。請再試一次' },
};

/** Right-to-left languages (the widget's list). */
export const RTL = ['ar', 'he', 'fa', 'ur'];
