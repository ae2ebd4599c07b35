CREATE TABLE "carpool_bookings" (
	"id" text PRIMARY KEY NOT NULL,
	"offer_id" text NOT NULL,
	"registration_id" text NOT NULL,
	"phone" text,
	"status" text DEFAULT 'booked' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"cancelled_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "carpool_offers" (
	"id" text PRIMARY KEY NOT NULL,
	"event_id" text NOT NULL,
	"registration_id" text NOT NULL,
	"from_commune_insee" text,
	"from_commune_name" text NOT NULL,
	"departs_at" timestamp with time zone NOT NULL,
	"returns_at" timestamp with time zone,
	"seats" integer NOT NULL,
	"contact_preference" text DEFAULT 'email' NOT NULL,
	"phone" text,
	"note" text,
	"status" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"withdrawn_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "carpool_requests" (
	"id" text PRIMARY KEY NOT NULL,
	"event_id" text NOT NULL,
	"registration_id" text NOT NULL,
	"from_commune_insee" text,
	"from_commune_name" text NOT NULL,
	"departs_at" timestamp with time zone NOT NULL,
	"note" text,
	"status" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "trade_show_applications" (
	"id" text PRIMARY KEY NOT NULL,
	"event_id" text NOT NULL,
	"organization_id" text NOT NULL,
	"products" text NOT NULL,
	"places" integer DEFAULT 1 NOT NULL,
	"surface_m2" integer,
	"needs_power" boolean DEFAULT false NOT NULL,
	"needs_furniture" boolean DEFAULT false NOT NULL,
	"other_needs" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"price_cents" integer,
	"decision_note" text,
	"submitted_by" text,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "trade_show_badges" (
	"id" text PRIMARY KEY NOT NULL,
	"event_id" text NOT NULL,
	"organization_id" text,
	"organization_name" text NOT NULL,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"email" text NOT NULL,
	"role" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"requested_by" text,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "trade_shows" (
	"event_id" text PRIMARY KEY NOT NULL,
	"stand_name" text NOT NULL,
	"hall" text,
	"surface_m2" integer,
	"places" integer NOT NULL,
	"place_price_cents" integer,
	"applications_close_at" timestamp with time zone,
	"description" text,
	"badges_per_exhibitor" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "carpool_bookings" ADD CONSTRAINT "carpool_bookings_offer_id_carpool_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."carpool_offers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "carpool_bookings" ADD CONSTRAINT "carpool_bookings_registration_id_event_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."event_registrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "carpool_offers" ADD CONSTRAINT "carpool_offers_event_id_trade_shows_event_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."trade_shows"("event_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "carpool_offers" ADD CONSTRAINT "carpool_offers_registration_id_event_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."event_registrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "carpool_requests" ADD CONSTRAINT "carpool_requests_event_id_trade_shows_event_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."trade_shows"("event_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "carpool_requests" ADD CONSTRAINT "carpool_requests_registration_id_event_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."event_registrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trade_show_applications" ADD CONSTRAINT "trade_show_applications_event_id_trade_shows_event_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."trade_shows"("event_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trade_show_applications" ADD CONSTRAINT "trade_show_applications_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trade_show_applications" ADD CONSTRAINT "trade_show_applications_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trade_show_applications" ADD CONSTRAINT "trade_show_applications_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trade_show_badges" ADD CONSTRAINT "trade_show_badges_event_id_trade_shows_event_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."trade_shows"("event_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trade_show_badges" ADD CONSTRAINT "trade_show_badges_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trade_show_badges" ADD CONSTRAINT "trade_show_badges_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trade_show_badges" ADD CONSTRAINT "trade_show_badges_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trade_shows" ADD CONSTRAINT "trade_shows_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "carpool_bookings_live_key" ON "carpool_bookings" USING btree ("offer_id","registration_id") WHERE status = 'booked';--> statement-breakpoint
CREATE INDEX "carpool_bookings_registration_idx" ON "carpool_bookings" USING btree ("registration_id");--> statement-breakpoint
CREATE INDEX "carpool_offers_event_idx" ON "carpool_offers" USING btree ("event_id","status","departs_at");--> statement-breakpoint
CREATE INDEX "carpool_offers_registration_idx" ON "carpool_offers" USING btree ("registration_id");--> statement-breakpoint
CREATE INDEX "carpool_requests_event_idx" ON "carpool_requests" USING btree ("event_id","status","departs_at");--> statement-breakpoint
CREATE INDEX "carpool_requests_registration_idx" ON "carpool_requests" USING btree ("registration_id");--> statement-breakpoint
CREATE UNIQUE INDEX "trade_show_applications_live_key" ON "trade_show_applications" USING btree ("event_id","organization_id") WHERE status in ('pending', 'accepted');--> statement-breakpoint
CREATE INDEX "trade_show_applications_event_idx" ON "trade_show_applications" USING btree ("event_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "trade_show_badges_live_email_key" ON "trade_show_badges" USING btree ("event_id","email") WHERE status in ('pending', 'approved');--> statement-breakpoint
CREATE INDEX "trade_show_badges_event_idx" ON "trade_show_badges" USING btree ("event_id","status");--> statement-breakpoint
CREATE INDEX "trade_show_badges_organization_idx" ON "trade_show_badges" USING btree ("organization_id");