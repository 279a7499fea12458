/** Credential headers that are present but not a well-formed `Bearer opcs_…` key. */
export const MALFORMED_CREDENTIALS: readonly Record<string, string>[] = [
  { authorization: '' },
  { authorization: ' ' },
  { authorization: 'Bearer' },
  { authorization: 'Bearer ' },
  { authorization: 'Basic dXNlcjpwYXNz' },
  { authorization: 'Token opcs_0123456789ab_secretsecretsecret' },
  { authorization: 'opcs_0123456789ab_secretsecretsecret' },
  { authorization: 'Bearer notakey' },
  { authorization: 'Bearer opcs_' },
  { authorization: 'Bearer opcs_0123456789ab_a b' },
  { authorization: 'Bearer opcs_0123456789ab_\u0000secret' },
  { authorization: 'Bearer\topcs_0123456789ab_secretsecretsecret' },
  { 'x-api-key': '' },
  { 'x-api-key': 'Bearer opcs_0123456789ab_secretsecretsecret' },
];
