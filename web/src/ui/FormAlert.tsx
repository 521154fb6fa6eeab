// The alert region of a form: always in the page so that a message put in it is announced at once.
export function FormAlert({ message, testId }: { message: string | null; testId?: string }) {
  return (
    <div class="form-alert" role="alert" data-testid={testId}>
      {message && <p class="alert alert--error">{message}</p>}
    </div>
  );
}
