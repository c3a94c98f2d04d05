import { useLocation, useRouteLoaderData } from "@remix-run/react";
import { getInputProps, useForm as useConformForm, type FieldMetadata } from "@conform-to/react";
import { useRef, type ReactNode } from "react";
import type { loader as rootLoader } from "~/root";

/**
 * A key for inputs whose values the server never sends back (passwords, see hideFields).
 * After hydration an input keeps what was typed through a refused submission or a
 * redirect to the same page; keying it with this remounts it empty, as a page load would.
 */
export function useSecretFieldKey(lastResult: unknown) {
  const location = useLocation();
  const seen = useRef({ result: lastResult, version: 0 });
  if (seen.current.result !== lastResult) seen.current = { result: lastResult, version: seen.current.version + 1 };
  return `${location.key}-${seen.current.version}`;
}

/**
 * Conform's useForm, with the component that owns the form subscribed to every error.
 * Conform re-renders the owner for the state its last render read, its fields' reads
 * included; a re-render that React ends before the fields (a hook set to an equal value,
 * as react-i18next's useTranslation does after mount) forgets the fields' reads, and
 * errors found afterwards would never be shown. Every form uses this one.
 */
export const useForm: typeof useConformForm = (options) => {
  const result = useConformForm(options);
  void result[0].allErrors;
  return result;
};

/** The hidden CSRF field every form carries. */
export function CsrfInput() {
  const root = useRouteLoaderData<typeof rootLoader>("root");
  return <input type="hidden" name="csrf" value={root?.csrf ?? ""} />;
}

export function FieldErrors({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <ul className="field-errors" id={id}>
      {errors.map((e) => (
        <li key={e}>{e}</li>
      ))}
    </ul>
  );
}

export function FormErrors({ errors, id }: { errors?: string[]; id?: string }) {
  if (!errors?.length) return null;
  return (
    <div className="notice notice-error" role="alert" id={id}>
      {errors.map((e) => (
        <p key={e}>{e}</p>
      ))}
    </div>
  );
}

type InputType = "text" | "email" | "password" | "number" | "date" | "url" | "hidden";

export function Field({
  label,
  meta,
  type = "text",
  hint,
  autoComplete,
  inputMode,
}: {
  label: ReactNode;
  meta: FieldMetadata<string | number | undefined>;
  type?: InputType;
  hint?: ReactNode;
  autoComplete?: string;
  inputMode?: "decimal" | "numeric" | "email" | "text";
}) {
  const hintId = hint ? `${meta.id}-hint` : undefined;
  const props = getInputProps(meta, { type, ariaDescribedBy: hintId });
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      <input {...props} key={props.key} autoComplete={autoComplete} inputMode={inputMode} />
      <FieldErrors id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

/** Kept for the pages written before the design system; new code imports Notice from ./ui/notice. */
export { Notice } from "./ui/notice";
