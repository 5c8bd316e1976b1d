/** Names that become file names (全宗号 and 档号, volume titles, unit names, 文号 in default save names). */

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$/i;

/**
 * A single file name (no folder) safe on Windows and Linux: path separators and the characters Windows refuses
 * (<>:"/\|?*) become “_”; control and invisible direction characters are dropped; a run of dots becomes one dot
 * and a leading dot “_” (so no “..”); trailing dots and spaces are dropped; a Windows reserved device name (CON,
 * NUL, COM1, …) gets a “_” in front; at most 150 characters, keeping the extension; never empty.
 */
export function safeFileName(name: string, fallback = '未命名文件'): string {
  let s = name
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '')
    .replace(/[<>:"/\\|?*]/g, '_')
    .replace(/\.{2,}/g, '.') // no “..” (with the separators gone, only a whole name of dots could climb)
    .trim()
    .replace(/[. ]+$/, '')
    .replace(/^\.+/, '_');
  const dot = s.lastIndexOf('.');
  const ext = dot > 0 && s.length - dot <= 10 ? s.slice(dot) : '';
  let stem = ext ? s.slice(0, dot) : s;
  const chars = [...stem];
  if (chars.length + ext.length > 150)
    stem = chars
      .slice(0, 150 - ext.length)
      .join('')
      .replace(/[. ]+$/, '');
  if (WINDOWS_RESERVED.test(stem.split('.')[0] ?? '')) stem = `_${stem}`;
  if (/^[_\s]*$/.test(stem)) stem = '';
  s = stem + ext;
  return s && s !== ext ? s : ext ? `${fallback}${ext}` : fallback;
}
