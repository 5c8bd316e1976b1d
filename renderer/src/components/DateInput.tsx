/**
 * The one date field of every form: antd's DatePicker that also takes what a clerk types (2026-11-30,
 * 2026/11/30, 2026.11.30, 2026年11月30日, 20261130) and, when it cannot take it (a day that does not exist, a
 * day after today where the field forbids that), says why under the field instead of silently clearing it.
 */
import { DatePicker, type DatePickerProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState, type FocusEvent, type KeyboardEvent } from 'react';
import { parseTypedDate } from '../../../core/domain/dates';

/** Formats a typed date may come in; the first is how every date is shown. */
// Only full-width forms: a short form (YYYY/M/D) would match half-way through typing 2026/11/29 and reformat
// the text under the cursor; 2026/1/5 and 2026年1月5日 are taken when the field is left (parseTypedDate).
export const DATE_FORMATS = ['YYYY-MM-DD', 'YYYY/MM/DD', 'YYYY.MM.DD', 'YYYYMMDD'];

export type DateInputProps = Omit<
  DatePickerProps,
  'format' | 'picker' | 'onChange' | 'multiple' | 'value' | 'defaultValue'
> & {
  value?: Dayjs | null;
  onChange?: (date: Dayjs | null, text: string) => void;
  /** Names the field in a refusal (发现日期不能晚于今天…). */
  label?: string;
  /** Days after today are refused (greyed in the calendar, explained when typed). */
  notFuture?: boolean;
};

export function DateInput({ label, notFuture, onBlur, onKeyDown, onChange, disabledDate, ...rest }: DateInputProps) {
  const [reason, setReason] = useState<string | null>(null);
  // Bumped to redraw the input as YYYY-MM-DD when a day typed another way (2026.11.30) was already the value.
  const [shape, setShape] = useState(0);
  const today = () => dayjs().format('YYYY-MM-DD');

  const check = (text: string) => {
    const r = parseTypedDate(text, { notAfter: notFuture ? today() : undefined, label });
    if (r.kind === 'invalid') {
      setReason(r.reason);
      // Show what is kept (the previous day, or nothing), never a refused text that looks saved.
      setShape((n) => n + 1);
      return;
    }
    setReason(null);
    if (r.kind === 'date') {
      const cur = rest.value;
      if (!cur || cur.format('YYYY-MM-DD') !== r.iso) onChange?.(dayjs(r.iso, 'YYYY-MM-DD'), r.iso);
      if (text.trim() !== r.iso) setShape((n) => n + 1);
    }
  };

  return (
    <>
      <DatePicker
        key={shape}
        {...rest}
        format={DATE_FORMATS}
        disabledDate={(d, info) =>
          (notFuture && d.isAfter(dayjs(), 'day')) || (disabledDate ? disabledDate(d, info) : false)
        }
        status={reason ? 'error' : rest.status}
        onChange={(d: Dayjs | null) => {
          setReason(null);
          onChange?.(d, d ? d.format('YYYY-MM-DD') : '');
        }}
        onBlur={(e: FocusEvent<HTMLElement>, info) => {
          const input = e.target as HTMLInputElement;
          if (typeof input.value === 'string') check(input.value);
          onBlur?.(e, info);
        }}
        onKeyDown={(e: KeyboardEvent<HTMLElement>, preventDefault) => {
          if (e.key === 'Enter') {
            const input = e.target as HTMLInputElement;
            if (typeof input.value === 'string') check(input.value);
          }
          onKeyDown?.(e, preventDefault);
        }}
      />
      {reason && (
        <div
          className="date-input-reason"
          role="alert"
          style={{ color: 'var(--ant-color-error, #ff4d4f)', fontSize: 13, marginTop: 2 }}
        >
          {reason}
        </div>
      )}
    </>
  );
}
