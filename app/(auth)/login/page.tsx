import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Suspense } from "react";
import { optionalPageCaller } from "@/lib/auth/current-caller";
import { LoginForm } from "../_components/login-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage() {
  if (await optionalPageCaller()) redirect("/dashboard");
  return (
    <Suspense>
      <LoginForm />
    </Suspense>
  );
}
