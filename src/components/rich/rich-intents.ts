/**
 * Internal intent events of rich content (bubbling, not composed: they never leave the widget).
 * The rich views fire them from the transcript element; <live-chat> hands them to the controller.
 */

/** The visitor chose a button of a rich entry (a postback or `cancel`). */
export class RichChoiceEvent extends Event {
  static readonly type = 'rich-choice';
  readonly detail: { readonly id: string; readonly element: number; readonly button: number };
  constructor(id: string, element: number, button: number) {
    super(RichChoiceEvent.type, { bubbles: true });
    this.detail = { id, element, button };
  }
}

/**
 * The visitor sends `file` for the file request `id`. The listener sets `result` (synchronously)
 * to the upload's promise: it resolves when the servlet took the file, rejects when it did not.
 */
export class FileUploadEvent extends Event {
  static readonly type = 'file-upload';
  readonly detail: {
    readonly id: string;
    readonly file: File;
    readonly signal: AbortSignal;
    readonly onProgress: (loaded: number, total: number) => void;
  };
  result: Promise<void> | null = null;
  constructor(detail: FileUploadEvent['detail']) {
    super(FileUploadEvent.type, { bubbles: true });
    this.detail = detail;
  }
}

declare global {
  interface HTMLElementEventMap {
    'rich-choice': RichChoiceEvent;
    'file-upload': FileUploadEvent;
  }
}
