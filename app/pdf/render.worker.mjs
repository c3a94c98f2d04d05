// Entry of a brief worker thread, started in the render process (render-host.mjs), whose priority it inherits.
// Worker threads do not inherit the tsx loader, so the TypeScript renderer is loaded through tsx's API.
import { tsImport } from "tsx/esm/api";

const { default: renderBrief } = await tsImport("./render-brief.tsx", import.meta.url);
export default renderBrief;
