// GET|POST /v1/* — the Stripe simulator's API, where stripe-node is pointed (404 unless the simulator is on)
import { simulatorResponse } from "@/lib/stripe/simulator/http";

export { simulatorResponse as GET, simulatorResponse as POST };
