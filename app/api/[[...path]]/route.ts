// * /api, /api/v1 and any other /api path no route answers — public: the API's error shape, not Next's HTML 404
import { unknownApiPath } from "@/lib/http/unknown-path";

export {
  unknownApiPath as GET,
  unknownApiPath as POST,
  unknownApiPath as PUT,
  unknownApiPath as PATCH,
  unknownApiPath as DELETE,
  unknownApiPath as OPTIONS,
};
