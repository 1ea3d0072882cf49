CREATE TABLE "used_action_links" (
	"link_id" text PRIMARY KEY NOT NULL,
	"purpose" text NOT NULL,
	"user_id" uuid,
	"used_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "tandems" ADD COLUMN "reply_reminder_sent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "used_action_links" ADD CONSTRAINT "used_action_links_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;