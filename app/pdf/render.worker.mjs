// Entry of a brief worker thread. Worker threads do not inherit the tsx loader of the main
// thread, so the TypeScript renderer is loaded through tsx's API.
import { tsImport } from "tsx/esm/api";

const { default: renderBrief } = await tsImport("./render-brief.tsx", import.meta.url);
export default renderBrief;
