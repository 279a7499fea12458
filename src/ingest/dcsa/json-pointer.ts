/** RFC 6901 JSON Pointer from a path of keys and indices (`~` → `~0`, `/` → `~1`), e.g. `/3/transportCall/vessel`. */
export function jsonPointer(path: readonly PropertyKey[]): string {
  return path.map((key) => '/' + String(key).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}
