import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Suspense } from "react";
import { optionalPageCaller } from "@/lib/auth/current-caller";
import { ForgotPasswordForm } from "../_components/forgot-password-form";

export const metadata: Metadata = { title: "Reset your password" };

// Rendered per request, as sign-in is: the page's scripts carry that request's CSP nonce.
export default async function ForgotPasswordPage() {
  if (await optionalPageCaller()) redirect("/dashboard");
  return (
    <Suspense>
      <ForgotPasswordForm />
    </Suspense>
  );
}
