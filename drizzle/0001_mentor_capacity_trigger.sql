-- Keeps mentor_profiles.active_tandem_count equal to the number of the mentor's tandems in a
-- slot-holding status (proposed, accepted, active). The CHECK constraint
-- mentor_capacity_not_exceeded then makes capacity a database invariant: two transactions
-- that each add a tandem for the same mentor both update this one row, so the second waits
-- for the first, re-reads the new count and fails the check.
CREATE FUNCTION tandem_holds_slot(status tandem_status) RETURNS boolean
  LANGUAGE sql IMMUTABLE
  AS $$ SELECT status IN ('proposed', 'accepted', 'active') $$;
--> statement-breakpoint
CREATE FUNCTION tandems_track_mentor_load() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    IF tandem_holds_slot(OLD.status) THEN
      UPDATE mentor_profiles SET active_tandem_count = active_tandem_count - 1
        WHERE user_id = OLD.mentor_id;
    END IF;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    IF tandem_holds_slot(NEW.status) THEN
      UPDATE mentor_profiles SET active_tandem_count = active_tandem_count + 1
        WHERE user_id = NEW.mentor_id;
      IF NOT FOUND THEN
        RAISE EXCEPTION 'user % has no mentor profile', NEW.mentor_id
          USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'tandems_mentor_has_profile';
      END IF;
    END IF;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER tandems_track_mentor_load
  AFTER INSERT OR DELETE OR UPDATE OF status, mentor_id ON tandems
  FOR EACH ROW EXECUTE FUNCTION tandems_track_mentor_load();
