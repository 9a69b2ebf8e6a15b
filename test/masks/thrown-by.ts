/** What `fn` throws, or undefined when it returns: lets a test check the error's fields. */
export function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}
