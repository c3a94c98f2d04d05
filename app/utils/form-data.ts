/**
 * A submitted field as text: "" when it is missing or is a file. FormData.get returns a File
 * for file inputs, which String() would turn into "[object File]" instead of refusing.
 */
export function formText(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}
