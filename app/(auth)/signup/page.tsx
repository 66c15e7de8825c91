import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { optionalPageCaller } from "@/lib/auth/current-caller";
import { SignupForm } from "../_components/signup-form";

export const metadata: Metadata = { title: "Create your account" };

export default async function SignupPage() {
  if (await optionalPageCaller()) redirect("/dashboard");
  return <SignupForm />;
}
