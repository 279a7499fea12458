/**
 * Whether the text holds a C0 control character or DEL. No identifier, reference or cursor key this API
 * issues or filters on has one, and U+0000 cannot be stored or compared by PostgreSQL (text or jsonb).
 */
export function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}
