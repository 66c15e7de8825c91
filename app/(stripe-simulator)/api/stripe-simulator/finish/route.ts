// POST /api/stripe-simulator/finish/ — the simulated onboarding page's choice (simulator only; the owner who started onboarding)
import { NextResponse } from "next/server";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { apiRoute } from "@/lib/http/route";
import { simulatorFinishSchema } from "@/lib/schemas/stripe-simulator";
import { finishSimulatedOnboarding } from "@/lib/stripe/simulator/finish";
import { readSimulatorForm } from "@/lib/stripe/simulator/http";

export const POST = apiRoute({ access: "owner" }, async ({ req, caller }) => {
  const input = await readSimulatorForm(req, simulatorFinishSchema);
  return NextResponse.redirect(await finishSimulatedOnboarding(caller, input), 303);
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
