/** The NATS subject of a contract subject under a prefix (`''` in production, unique per test file). */
export function prefixedSubject(prefix: string | undefined, subject: string): string {
  return prefix ? `${prefix}.${subject}` : subject;
}

/** The service answering a subject: its first token (`resources.rpc.get-resource` → `resources`). */
export function serviceOfSubject(subject: string): string {
  const dot = subject.indexOf('.');
  return dot === -1 ? subject : subject.slice(0, dot);
}
