import { notFound } from "~/utils/http.server";

export const loader = () => notFound();
export const action = () => notFound();

export default function NotFound() {
  return null;
}
