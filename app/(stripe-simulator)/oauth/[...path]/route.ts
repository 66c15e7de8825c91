// POST /oauth/token|deauthorize — the Stripe simulator's Connect OAuth (404 unless the simulator is on)
import { simulatorResponse } from "@/lib/stripe/simulator/http";

export { simulatorResponse as POST };
