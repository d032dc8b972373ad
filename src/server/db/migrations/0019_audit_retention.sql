CREATE TABLE "audit_anchors" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_anchors_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"practice_id" uuid,
	"seq" bigint NOT NULL,
	"hash" text NOT NULL,
	"pruned" bigint NOT NULL,
	"cutoff" timestamp (3) with time zone NOT NULL,
	"pruned_at" timestamp (3) with time zone NOT NULL,
	"digest" text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "audit_anchors_chain_seq" ON "audit_anchors" USING btree (coalesce("practice_id", '00000000-0000-0000-0000-000000000000'::uuid),"seq");--> statement-breakpoint
CREATE INDEX "audit_events_subject_idx" ON "audit_events" USING btree ("practice_id","subject_id","id");--> statement-breakpoint
-- Anchors are fenced like the chain they belong to; no role the application uses may write them.
SELECT rehabit_fence_tenant_table('audit_anchors');--> statement-breakpoint
GRANT SELECT ON audit_anchors TO rehabit_app, rehabit_system;--> statement-breakpoint
-- Retention prunes the audit trail only through this function: the application's roles keep SELECT and
-- INSERT on audit_events and audit_seals, nothing more. It runs as its owner (the role that migrates),
-- and deletes only an unbroken prefix of one chain whose events are all older than the cutoff, writing
-- the anchor that `audit verify` starts from in the same transaction. The caller names the last link to
-- go and its hash: what it checked before calling is exactly what goes. A cutoff less than a year ago is
-- refused whatever the caller's policy says (the policy's own floor), so the role that may call this
-- still cannot wipe out a recent trail.
CREATE OR REPLACE FUNCTION rehabit_prune_audit_chain(
  chain uuid, older_than timestamptz, through_seq bigint, through_hash text
) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
  zero constant uuid := '00000000-0000-0000-0000-000000000000';
  genesis constant text := repeat('0', 64);
  v_cutoff timestamptz := date_trunc('milliseconds', older_than);
  v_now timestamptz := date_trunc('milliseconds', now());
  v_from bigint := 0;
  v_prev text := genesis;
  v_digest text := genesis;
  v_next bigint;
  v_link record;
BEGIN
  IF older_than IS NULL OR older_than > now() - interval '1 year' THEN
    RAISE EXCEPTION 'audit entries are not pruned before they are a year old';
  END IF;
  -- One pruning at a time, and none while `audit verify` walks the chains (it holds this lock shared).
  PERFORM pg_advisory_xact_lock(727003);
  SELECT a.seq, a.hash, a.digest INTO v_from, v_prev, v_digest
    FROM public.audit_anchors a
   WHERE coalesce(a.practice_id, zero) = coalesce(chain, zero)
   ORDER BY coalesce(a.practice_id, zero) DESC, a.seq DESC LIMIT 1;
  IF NOT FOUND THEN
    v_from := 0; v_prev := genesis; v_digest := genesis;
  END IF;
  IF through_seq IS NULL OR through_seq <= v_from THEN
    RAISE EXCEPTION 'audit chain pruning must end after the chain''s anchor (link %)', v_from;
  END IF;
  v_next := v_from + 1;
  FOR v_link IN
    SELECT s.seq, s.prev_hash, s.hash, e.id AS event_id, e.practice_id, e.at
      FROM public.audit_seals s LEFT JOIN public.audit_events e ON e.id = s.event_id
     WHERE coalesce(s.practice_id, zero) = coalesce(chain, zero) AND s.seq > v_from AND s.seq <= through_seq
     ORDER BY coalesce(s.practice_id, zero), s.seq
  LOOP
    IF v_link.seq <> v_next OR v_link.prev_hash <> v_prev OR v_link.event_id IS NULL
       OR v_link.practice_id IS DISTINCT FROM chain OR v_link.at >= v_cutoff THEN
      RAISE EXCEPTION 'only an unbroken prefix of an audit chain older than the cutoff may be pruned (link %)', v_next;
    END IF;
    v_prev := v_link.hash;
    v_next := v_next + 1;
  END LOOP;
  IF v_next <> through_seq + 1 OR v_prev IS DISTINCT FROM through_hash THEN
    RAISE EXCEPTION 'audit chain pruning must end at the link the caller checked (link %)', through_seq;
  END IF;
  DELETE FROM public.audit_events e USING public.audit_seals s
   WHERE e.id = s.event_id AND coalesce(s.practice_id, zero) = coalesce(chain, zero)
     AND s.seq > v_from AND s.seq <= through_seq;
  DELETE FROM public.audit_seals s
   WHERE coalesce(s.practice_id, zero) = coalesce(chain, zero) AND s.seq > v_from AND s.seq <= through_seq;
  -- The same text chain.ts's anchorDigest() hashes; times as epoch milliseconds.
  v_digest := encode(sha256(convert_to(v_digest || E'\n' || concat_ws('|',
      coalesce(chain::text, ''), through_seq::text, through_hash, (through_seq - v_from)::text,
      ((extract(epoch FROM v_cutoff) * 1000)::bigint)::text, ((extract(epoch FROM v_now) * 1000)::bigint)::text
    ), 'UTF8')), 'hex');
  INSERT INTO public.audit_anchors (practice_id, seq, hash, pruned, cutoff, pruned_at, digest)
  VALUES (chain, through_seq, through_hash, through_seq - v_from, v_cutoff, v_now, v_digest);
  RETURN through_seq - v_from;
END
$fn$;--> statement-breakpoint
REVOKE ALL ON FUNCTION rehabit_prune_audit_chain(uuid, timestamptz, bigint, text) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION rehabit_prune_audit_chain(uuid, timestamptz, bigint, text) TO rehabit_system;
