/**
 * What every form drawer does the same way: closing it (Esc, the close button, 取消) with unsaved input asks
 * 放弃未保存的修改？ first, and Ctrl+S (anywhere in the drawer) or Enter (in a one-line text field) saves.
 */
import { App, type FormInstance } from 'antd';
import { useCallback, useEffect, useRef } from 'react';

export interface FormDrawerOptions {
  open: boolean;
  /** The drawer's forms; input counts as unsaved once the clerk has touched any field. */
  forms: FormInstance[];
  onClose: () => void;
  onSave: () => void;
  /** Something else counts as unsaved (files added, a step taken). */
  dirty?: () => boolean;
}

/** Whether an Enter in this element means "save" (not choosing in a list, not a new line, not IME input). */
function enterSaves(e: KeyboardEvent): boolean {
  if (e.isComposing || e.keyCode === 229 || e.shiftKey || e.altKey || e.ctrlKey || e.metaKey) return false;
  const t = e.target as HTMLElement | null;
  if (!t || t.tagName !== 'INPUT') return false;
  const type = (t as HTMLInputElement).type;
  if (type !== 'text' && type !== 'number' && type !== 'search') return false;
  return !t.closest('.ant-select, .ant-picker, .ant-cascader, .ant-mentions');
}

export function useFormDrawer({ open, forms, onClose, onSave, dirty }: FormDrawerOptions): {
  requestClose: () => void;
} {
  const { modal } = App.useApp();
  const asking = useRef(false);
  // What the drawer opened with: fields that set themselves on mount count as touched, so input is unsaved
  // only when the values differ from this.
  const opened = useRef('');
  const snapshot = () => JSON.stringify(latest.current.forms.map((f) => f.getFieldsValue(true) as unknown));
  const latest = useRef({ forms, onClose, onSave, dirty });
  latest.current = { forms, onClose, onSave, dirty };

  const requestClose = useCallback(() => {
    const { forms: fs, onClose: close, dirty: more } = latest.current;
    const unsaved = (fs.some((f) => f.isFieldsTouched()) && snapshot() !== opened.current) || !!more?.();
    if (!unsaved) {
      close();
      return;
    }
    if (asking.current) return;
    asking.current = true;
    modal.confirm({
      title: '放弃未保存的修改？',
      content: '已填写的内容尚未保存，关闭后将丢失。',
      okText: '放弃修改',
      okButtonProps: { danger: true },
      cancelText: '继续填写',
      // Enter or Space on the question keeps the input; discarding takes a deliberate click.
      autoFocusButton: 'cancel',
      onOk: () => {
        asking.current = false;
        close();
      },
      onCancel: () => {
        asking.current = false;
      },
    });
  }, [modal]);

  useEffect(() => {
    if (!open) return;
    opened.current = snapshot();
    const onKey = (e: KeyboardEvent) => {
      if (asking.current || document.querySelector('.ant-modal-confirm')) return;
      const t = e.target as HTMLElement | null;
      if (t && !t.closest('.ant-drawer') && t !== document.body) return;
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 's') {
        e.preventDefault();
        latest.current.onSave();
      } else if (e.key === 'Enter' && enterSaves(e)) {
        e.preventDefault();
        latest.current.onSave();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open]);

  return { requestClose };
}
