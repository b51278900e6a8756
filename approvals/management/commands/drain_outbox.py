from django.core.management.base import BaseCommand

from approvals.models import OutboxMessage
from approvals.services import relay


class Command(BaseCommand):
    help = "Deliver every pending outbox message now, without Celery."

    def handle(self, *args, **options):
        delivered = relay()
        pending = OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING).count()
        failed = OutboxMessage.objects.filter(status=OutboxMessage.Status.FAILED).count()
        self.stdout.write(f"delivered {delivered}, still pending {pending}, failed {failed}")
